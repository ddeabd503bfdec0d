"""The page cache's settings (``SITECLUSTER_PAGE_CACHE``) and the shared store they point at."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .store import PageStore


def page_cache_enabled() -> bool:
    return bool(settings.SITECLUSTER_PAGE_CACHE["ENABLED"])


def page_store() -> PageStore:
    return PageStore(settings.SITECLUSTER_PAGE_CACHE["DIR"])


def html_max_age() -> int:
    """Seconds a browser may reuse a public page before revalidating it."""
    return int(settings.SITECLUSTER_PAGE_CACHE["MAX_AGE"])


def frontend_cache_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purging_needed() -> bool:
    """Whether a change must plan a purge: a frontend cache is configured, or the store holds
    pages. With an empty store (loading the demo, provisioning) nothing is planned, but the
    purge marker is still touched at commit so that a render in flight is not stored."""
    if frontend_cache_configured():
        return True
    if not page_cache_enabled():
        return False
    store = page_store()
    if store.holds_pages():
        return True
    transaction.on_commit(store.touch_marker)
    return False
