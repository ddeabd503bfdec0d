"""Wagtail's database search backend, with Chinese segmented the same way as citizen search.

Wagtail's admin (page search, choosers, snippet and image listings) finds nothing inside a
Chinese sentence with the stock backend: a whole sentence is one token. This backend keeps
Wagtail's own index tables and query compilers and only changes the text on both sides: indexed
values are cut in jieba search mode, query strings into jieba words.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.wagtail_database"}}``.
After switching an existing installation, run ``manage.py update_index`` once.
"""

from __future__ import annotations

import sys
import types
from functools import cache

from modelsearch.backends.database import SearchBackend as vendor_backend

from .. import segmentation
from ..query import PARTICLES


def segment_query(query):
    if not isinstance(query, str):
        return query
    words = [w for w in segmentation.words(query) if w not in PARTICLES]
    return " ".join(words) if words else query


@cache
def _segmenting_index_class(index_class):
    """The vendor index class whose add_items() builds rows with segmented text.

    add_items() names the module-level ``ObjectIndexer``; the copy made here resolves that
    name to a subclass whose prepare_value() segments, and is otherwise the vendor's own code.
    """
    module = sys.modules[index_class.__module__]
    base_indexer = module.ObjectIndexer

    class SegmentingObjectIndexer(base_indexer):
        def prepare_value(self, value):
            return segmentation.index_text(super().prepare_value(value))

    original = index_class.add_items
    add_items = types.FunctionType(
        original.__code__,
        {**vars(module), "ObjectIndexer": SegmentingObjectIndexer},
        original.__name__,
        original.__defaults__,
        original.__closure__,
    )
    return type(f"Segmenting{index_class.__name__}", (index_class,), {"add_items": add_items})


@cache
def _segmenting_backend_class(backend_class):
    class SegmentingBackend(backend_class):
        index_class = _segmenting_index_class(backend_class.index_class)

        def search(self, query, model_or_queryset, *args, **kwargs):
            return super().search(segment_query(query), model_or_queryset, *args, **kwargs)

        def autocomplete(self, query, model_or_queryset, *args, **kwargs):
            return super().autocomplete(segment_query(query), model_or_queryset, *args, **kwargs)

    SegmentingBackend.__name__ = f"Segmenting{backend_class.__name__}"
    return SegmentingBackend


def SearchBackend(params):  # noqa: N802 (Wagtail looks this name up in the module)
    backend_class = type(vendor_backend(params))
    return _segmenting_backend_class(backend_class)(params)
