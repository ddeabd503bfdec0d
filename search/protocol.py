"""What a page model may tell the search engine beyond its declared search fields.

A page type implements ``search_metadata(self) -> dict`` with any of these optional keys;
:mod:`search.documents` reads it when present. Models never import this module: the protocol is
duck-typed, and this file documents it.

A page type that only shows another page's content (``sharing.ReferencePage``) sets the class
attribute ``search_indexed = False``: it gets no search row, so the source is the only hit.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, TypedDict


class SearchMetadata(TypedDict, total=False):
    doc_number: str  # 发文字号, e.g. 河发改发〔2025〕12号 — an exact match is put first
    index_number: str  # 索引号, e.g. 113799010012345678/2025-00012 — likewise
    topic: str  # 主题分类 (a facet)
    doc_type: str  # 文种 (通知, 意见, 办法…), searchable text
    date: dt.datetime | dt.date  # the document's own date (成文/发布日期), else publish_at


class ProvidesSearchMetadata(Protocol):
    def search_metadata(self) -> SearchMetadata: ...
