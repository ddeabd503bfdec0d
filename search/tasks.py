"""Background tasks (django-tasks) that keep the search index current."""

from __future__ import annotations

import logging

from django_tasks import task

from . import indexing

logger = logging.getLogger("sitecluster.search")


@task()
def update_search_index(page_ids=(), reconcile=(), rebuild=()):
    """Refresh the listed pages and subtrees; see :func:`search.indexing.refresh`."""
    touched = indexing.refresh(page_ids=page_ids, reconcile=reconcile, rebuild=rebuild)
    return len(touched)


@task()
def replay_search_queue():
    """Push changes queued while the external engine was down."""
    return indexing.flush()
