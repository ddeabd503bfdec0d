"""Keeping the index in step with the page tree (run inside background tasks).

Two kinds of refresh:

* ``rebuild`` — the listed pages get fresh rows (their text or place changed);
* ``reconcile`` — for a whole subtree, rows are added for public pages that lack one and removed
  for pages that stopped being public, without re-segmenting rows that are still right. Publishing
  a column, unpublishing a section, adding a view restriction or archiving a site reconciles.

Every touched page id is also queued in :class:`PendingPush` when the engine is external, and the
queue is flushed at the end; while the engine is down the queue keeps growing and is replayed by
the next refresh or ``manage.py rebuild_search --replay``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from . import generation
from .documents import Visibility, build_documents, write_documents
from .engines import EngineUnavailable, get_engine
from .models import PendingPush, SearchDocument

logger = logging.getLogger("sitecluster.search")
BATCH = 500


def _batches(ids: list[int], size: int = BATCH):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def rebuild_pages(page_ids: Iterable[int], visibility: Visibility | None = None, progress=None):
    """Fresh rows for ``page_ids`` (rows of pages that are gone or hidden are removed)."""
    visibility = visibility or Visibility.load()
    page_ids = sorted(set(page_ids))
    done = 0
    for batch in _batches(page_ids):
        with transaction.atomic():
            documents, removed = build_documents(batch, visibility)
            write_documents(documents, removed)
        done += len(batch)
        if progress:
            progress(done, len(page_ids))
    return page_ids


def reconcile_subtree(root_id: int, visibility: Visibility | None = None) -> list[int]:
    """Make the rows under ``root_id`` match which pages are public; rebuild the root itself."""
    visibility = visibility or Visibility.load()
    root = Page.objects.filter(pk=root_id).only("path").first()
    if root is None:
        return [root_id]
    now = timezone.now()
    pages = Page.objects.filter(path__startswith=root.path).only("id", "path", "live", "expire_at")
    public = {page.pk for page in pages if visibility.is_public(page, now)}
    indexed = set(
        SearchDocument.objects.filter(path__startswith=root.path).values_list("page_id", flat=True)
    )
    # Rows whose page moved away still carry the old path; they are refreshed by the move.
    stale = indexed - public
    missing = (public - indexed) | ({root_id} & public)
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=stale).delete()
        generation.bump()
    rebuild_pages(missing, visibility)
    return sorted(stale | missing | {root_id})


def rebuild_subtree(root_id: int, visibility: Visibility | None = None) -> list[int]:
    """Fresh rows for every page under ``root_id`` (after a move: new site, column, path)."""
    root = Page.objects.filter(pk=root_id).only("path").first()
    if root is None:
        return [root_id]
    ids = list(Page.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    return rebuild_pages(ids, visibility)


def refresh(
    page_ids: Iterable[int] = (),
    reconcile: Iterable[int] = (),
    rebuild: Iterable[int] = (),
) -> list[int]:
    """Apply one batch of changes and push them to an external engine."""
    visibility = Visibility.load()
    touched = set(rebuild_pages(page_ids, visibility)) if page_ids else set()
    for root_id in reconcile:
        touched.update(reconcile_subtree(root_id, visibility))
    for root_id in rebuild:
        touched.update(rebuild_subtree(root_id, visibility))
    engine = get_engine()
    if engine.external and touched:
        queue(touched)
        flush(engine)
    return sorted(touched)


def queue(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    existing = set(
        PendingPush.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True)
    )
    PendingPush.objects.bulk_create(
        [PendingPush(page_id=pk) for pk in page_ids if pk not in existing], batch_size=BATCH
    )


def flush(engine=None, progress: Callable | None = None) -> int:
    """Push every queued change; returns how many remain (0 when the engine took them all)."""
    engine = engine or get_engine()
    if not engine.external:
        PendingPush.objects.all().delete()
        return 0
    pending = list(PendingPush.objects.order_by("page_id").values_list("page_id", flat=True))
    done = 0
    for batch in _batches(pending):
        try:
            engine.push(batch)
        except EngineUnavailable as exc:
            PendingPush.objects.filter(page_id__in=pending[done:]).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:500]
            )
            remaining = len(pending) - done
            logger.warning("Search engine unavailable; %d index changes stay queued", remaining)
            return remaining
        PendingPush.objects.filter(page_id__in=batch).delete()
        done += len(batch)
        if progress:
            progress(done, len(pending))
    return 0


def rebuild_everything(progress: Callable | None = None) -> int:
    """Every row from scratch, then the engine's own rebuild (alias swap on Elasticsearch)."""
    visibility = Visibility.load()
    ids = list(Page.objects.filter(depth__gt=1).values_list("pk", flat=True))
    rebuild_pages(ids, visibility, progress)
    with transaction.atomic():
        live = set(ids)
        SearchDocument.objects.exclude(page_id__in=live).delete()
        generation.bump()
    engine = get_engine()
    engine.rebuild(progress=progress)
    if engine.external:
        PendingPush.objects.all().delete()
    return SearchDocument.objects.count()
