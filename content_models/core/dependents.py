"""Which other pages show a page's content.

A page's content can appear on pages other than its own URL and its ancestors' lists: a 引用
(reference) shows it in another site's column, a 汇总 column lists the latest items of chosen
sites, a 分发 notice appears on member sites. Layers that must act on every page a change
touches — the page cache purge (``sitecluster.caching``), the search index — ask
:func:`pages_showing`; the apps that create such relations answer by registering a provider
with :func:`register_dependents`. Models never import the layers that ask.

A provider is ``provider(page) -> iterable of Page`` (specific or not); it must be cheap (one
or two queries) and must not raise for pages it knows nothing about.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)

Provider = Callable[[object], Iterable[object]]

_providers: list[Provider] = []


def register_dependents(provider: Provider) -> Provider:
    """Register ``provider``; usable as a decorator. Registering twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def pages_showing(page) -> list:
    """Every page (other than ``page`` itself) whose rendering includes ``page``'s content.

    Ancestors and the site's home page are not included: callers that purge lists add those
    themselves. The result is de-duplicated by page id and ordered by id.
    """
    found = {}
    for provider in _providers:
        try:
            pages = list(provider(page))
        except Exception:  # a broken provider must not stop a publish
            logger.exception("Dependents provider %r failed for page %s", provider, page.pk)
            continue
        for other in pages:
            if other is not None and other.pk != page.pk:
                found.setdefault(other.pk, other)
    return [found[pk] for pk in sorted(found)]
