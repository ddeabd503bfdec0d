"""Pages → SearchDocument rows: which pages are searchable, and what their rows hold.

A page is searchable when it is live, not expired, every ancestor up to its site's home is live,
no view restriction (private, password, login or group) covers it, and its site is active.
Everything here works on batches with a fixed number of queries, so a full rebuild of tens of
thousands of pages stays fast.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Manager
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Page, PageViewRestriction
from wagtail.search.index import RelatedFields, SearchField

from sitecluster.tenancy.models import ClusterSite, SiteStatus

from . import generation, segmentation
from .models import SearchDocument

logger = logging.getLogger("sitecluster.search")

BODY_LIMIT = 20_000  # characters of body text kept for snippets and indexing
_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "]": "〕", "］": "〕", "】": "〕"})
_SPACE_RE = re.compile(r"\s+")


def number_key(value: str) -> str:
    """Normalised 发文字号/索引号 for exact lookup: half-width, no spaces, 〔〕 brackets."""
    value = segmentation.normalise(value or "").translate(_BRACKETS)
    value = value.replace("(", "〔").replace(")", "〕") if re.search(r"\(\d{4}\)", value) else value
    return _SPACE_RE.sub("", value).upper()


@dataclass
class Visibility:
    """Snapshot of what hides pages: active site roots, draft ancestors, view restrictions."""

    sites: list[ClusterSite]
    hidden_prefixes: tuple[str, ...]

    @classmethod
    def load(cls) -> Visibility:
        segmentation.load_cluster_words()
        sites = list(
            ClusterSite.objects.filter(status=SiteStatus.ACTIVE).select_related("root_page")
        )
        sites.sort(key=lambda site: len(site.root_page.path), reverse=True)
        draft = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        return cls(sites=sites, hidden_prefixes=tuple(set(draft) | set(restricted)))

    def site_for(self, path: str) -> ClusterSite | None:
        return next((site for site in self.sites if path.startswith(site.root_page.path)), None)

    def is_public(self, page: Page, now=None) -> bool:
        now = now or timezone.now()
        if not page.live or (page.expire_at and page.expire_at <= now):
            return False
        if self.hidden_prefixes and page.path.startswith(self.hidden_prefixes):
            return False
        return self.site_for(page.path) is not None


def _values(obj, field) -> Iterable[str]:
    if isinstance(field, SearchField):
        value = field.get_value(obj)
        yield from _flatten(value)
    elif isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        related = related.all() if isinstance(related, Manager) else [related]
        for item in related:
            for sub_field in field.fields:
                yield from _values(item, sub_field)


def _flatten(value) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    else:
        yield str(value)


def page_text(page: Page) -> str:
    """Body text from the page type's declared search fields (everything except the title)."""
    parts = []
    for field in page.get_search_fields():
        if getattr(field, "field_name", None) == "title":
            continue
        for text in _values(page, field):
            text = strip_tags(text).strip()
            if text:
                parts.append(text)
    return "\n".join(parts)[:BODY_LIMIT]


def _as_datetime(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime(value.year, value.month, value.day))
    return None


def build_document(page: Page, site: ClusterSite, column: str = "") -> SearchDocument:
    """The row for one specific page (the caller has checked it is public)."""
    metadata = page.search_metadata() if hasattr(page, "search_metadata") else {}
    metadata = dict(metadata or {})
    metadata.setdefault(
        "date",
        getattr(page, "publish_at", None) or page.first_published_at or page.last_published_at,
    )
    return document_from_text(
        page_id=page.pk,
        site=site,
        path=page.path,
        content_type=str(page._meta.verbose_name),
        column=column,
        title=page.title,
        body=page_text(page),
        metadata=metadata,
        expire_at=page.expire_at,
    )


def document_from_text(
    *, page_id, site, path, content_type, column, title, body, metadata=None, expire_at=None
) -> SearchDocument:
    """A row from plain values: the one place text is segmented for the index."""
    metadata = metadata or {}
    date = _as_datetime(metadata.get("date"))
    doc_number = (metadata.get("doc_number") or "").strip()
    index_number = (metadata.get("index_number") or "").strip()
    doc_type = (metadata.get("doc_type") or "").strip()
    numbers = " ".join(filter(None, [doc_number, index_number, doc_type]))
    return SearchDocument(
        page_id=page_id,
        site_id=site.pk,
        path=path,
        content_type=content_type,
        column=column,
        title=title,
        body=body,
        doc_number=doc_number,
        index_number=index_number,
        doc_number_key=number_key(doc_number),
        index_number_key=number_key(index_number),
        topic=(metadata.get("topic") or "").strip(),
        doc_type=doc_type,
        date=date,
        year=timezone.localtime(date).year if date else None,
        expire_at=expire_at,
        title_tokens=segmentation.index_text(title),
        number_tokens=" ".join(
            filter(None, [segmentation.index_text(numbers), numbers_as_tokens(numbers)])
        ),
        # The site's names make "发改委 通知" find the commission's notices.
        body_tokens=segmentation.index_text(f"{site.name} {site.short_name}\n{body}"),
    )


def numbers_as_tokens(numbers: str) -> str:
    """Digits and letters of 文号/索引号 as whole tokens (12号 → 12) for partial lookups."""
    return " ".join(re.findall(r"[0-9a-z]+", segmentation.normalise(numbers)))


def specific_pages(page_ids: Iterable[int]) -> list[Page]:
    """Specific instances with their related search fields prefetched, in one query per type."""
    pages = list(Page.objects.filter(pk__in=list(page_ids)).select_related("content_type"))
    by_model: dict[type, list[int]] = {}
    for page in pages:
        model = page.specific_class or Page
        by_model.setdefault(model, []).append(page.pk)
    result = []
    for model, ids in by_model.items():
        queryset = model.objects.filter(pk__in=ids)
        for field in model.get_search_fields():
            if isinstance(field, RelatedFields):
                queryset = field.select_on_queryset(queryset)
        result.extend(queryset)
    return result


def column_titles(pages: Iterable[Page], visibility: Visibility) -> dict[int, str]:
    """The parent's title as the column (栏目) of each page, unless the parent is a site home."""
    roots = {site.root_page.path for site in visibility.sites}
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.depth > 2} - roots
    titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    return {page.pk: titles.get(page.path[: -Page.steplen], "") for page in pages}


def build_documents(page_ids: Iterable[int], visibility: Visibility | None = None):
    """Rows for the public pages among ``page_ids`` and the ids that must have no row."""
    visibility = visibility or Visibility.load()
    now = timezone.now()
    pages = specific_pages(page_ids)
    # A page type with ``search_indexed = False`` (a 引用 showing another page) gets no row.
    public = [
        page
        for page in pages
        if visibility.is_public(page, now) and getattr(page, "search_indexed", True)
    ]
    columns = column_titles(public, visibility)
    documents, failed = [], set()
    for page in public:
        try:
            documents.append(
                build_document(page, visibility.site_for(page.path), columns.get(page.pk, ""))
            )
        except Exception:  # one broken page type must not stop the others; its row stays
            logger.exception("Could not build the search document of page %s", page.pk)
            failed.add(page.pk)
    keep = {doc.page_id for doc in documents} | failed
    return documents, set(page_ids) - keep


def write_documents(documents: list[SearchDocument], removed: Iterable[int]) -> None:
    """Upsert rows and delete the removed ones (the embedded engines follow automatically)."""
    removed = list(removed)
    if removed or documents:
        generation.bump()  # cached facet counts are stale from here on
    if removed:
        SearchDocument.objects.filter(page_id__in=removed).delete()
    if documents:
        ids = [doc.page_id for doc in documents]
        # Delete-then-insert keeps the SQLite FTS triggers simple and works on every database.
        SearchDocument.objects.filter(page_id__in=ids).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=500)
