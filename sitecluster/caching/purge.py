"""What a change makes stale, and removing exactly that from the store and any frontend cache.

A :class:`PurgePlan` collects addresses while the change is being made (the old URLs of a moved
or deleted page are only known then) and :func:`purge_on_commit` removes them once the
transaction has committed, in the same request or task: the next visitor gets the new page.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.db import transaction

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page

from content_models.core.dependents import pages_showing

from .addresses import (
    Address,
    addresses_of,
    addresses_of_url_path,
    mounted_inside,
    site_home_ancestors,
)
from .config import frontend_cache_configured, page_cache_enabled, page_store

logger = logging.getLogger(__name__)


@dataclass
class PurgePlan:
    reason: str
    pages: set[Address] = field(default_factory=set)
    trees: dict[Address, frozenset[str]] = field(default_factory=dict)
    everything: bool = False
    urls: set[str] = field(default_factory=set)  # full URLs for a frontend cache / CDN

    # --- building ------------------------------------------------------------------------------

    def add_page(self, page: Page) -> None:
        """The page's own addresses (its rendering, not its sub-pages)."""
        for address in addresses_of(page):
            self.pages.add(address)
            self.urls.add(address.url)

    def add_tree(self, url_path: str) -> None:
        """The page at ``url_path`` (which may be gone already) and everything below it."""
        for address in addresses_of_url_path(url_path):
            self.trees.setdefault(address, frozenset())
            self.urls.add(address.url)
        if frontend_cache_configured():
            self._add_live_urls(Page.objects.filter(url_path__startswith=url_path))

    def add_site(self, site_root: Page) -> None:
        """Every page of one cluster site on every host, but not other sites mounted inside it
        (a portal theme change leaves the departments under /bm/ alone)."""
        inside = mounted_inside(site_root)
        for address in addresses_of(site_root):
            keep = frozenset(
                a.path for member in inside for a in addresses_of(member) if a.host == address.host
            )
            self.trees[address] = keep
            self.urls.add(address.url)
        if frontend_cache_configured():
            pages = Page.objects.descendant_of(site_root, inclusive=True)
            for member in inside:
                pages = pages.exclude(path__startswith=member.path)
            self._add_live_urls(pages)

    def add_everything(self) -> None:
        self.everything = True
        if frontend_cache_configured():
            self._add_live_urls(Page.objects.all())

    def add_change_of(self, page: Page, *, tree: bool, url_path: str | None = None) -> None:
        """A page was published, unpublished, deleted or restricted: the page (or its whole tree),
        its parent list, the home pages of its sites, the pages that show it elsewhere and, for a
        column in a site's navigation, the whole site."""
        if tree:
            self.add_tree(url_path or page.url_path)
        else:
            self.add_page(page)
        self.add_surroundings(page)

    def add_surroundings(self, page: Page) -> None:
        """The lists around a page: its parent, every column between it and its own site's home
        (a column may list its sub-columns' items), the home pages of all sites containing it
        (the portal home lists 部门街道动态), and the pages showing it elsewhere."""
        parent = page.get_parent()
        if parent is not None and parent.depth > 1:
            self.add_page(parent)
        homes = site_home_ancestors(page)
        for home in homes:
            self.add_page(home)
        if homes:
            columns = Page.objects.ancestor_of(page).filter(depth__gt=homes[-1].depth)
            for column in columns:
                self.add_page(column)
        if page.show_in_menus and parent is not None and any(h.pk == parent.pk for h in homes):
            # A top-level column: it is in the navigation of every page of its site.
            self.add_site(parent)
        for other in pages_showing(page):
            self.add_page(other)

    def _add_live_urls(self, pages) -> None:
        for url_path in pages.live().values_list("url_path", flat=True).iterator():
            self.urls.update(a.url for a in addresses_of_url_path(url_path))

    def __bool__(self) -> bool:
        return bool(self.pages or self.trees or self.everything)

    # --- carrying out --------------------------------------------------------------------------

    def execute(self, *, even_if_disabled: bool = False) -> int:
        """Remove the planned pages now; returns the number of stored renderings removed.

        With the page cache off the store is left alone unless ``even_if_disabled`` (the
        ``pagecache`` command: the store may hold pages from when the cache was on)."""
        removed = 0
        started = time.monotonic()
        if page_cache_enabled() or even_if_disabled:
            store = page_store()
            store.touch_marker()  # first: renders in flight must not land after this
            if self.everything:
                removed = store.purge_all()
            else:
                for address, keep in self.trees.items():
                    removed += store.purge_tree(address.host, address.path, keep)
                for address in self.pages:
                    removed += store.purge_page(address.host, address.path)
        if self.urls and frontend_cache_configured():
            purge_urls_from_cache(sorted(self.urls))
        logger.info(
            "Page cache purge (%s): %d pages, %d trees%s, %d stored renderings removed, "
            "%d URLs to the frontend cache, %.1f ms",
            self.reason,
            len(self.pages),
            len(self.trees),
            ", everything" if self.everything else "",
            removed,
            len(self.urls) if frontend_cache_configured() else 0,
            (time.monotonic() - started) * 1000,
        )
        return removed


def purge_on_commit(plan: PurgePlan) -> None:
    """Carry out ``plan`` when the current transaction commits (at once outside one)."""
    if plan or plan.urls:
        transaction.on_commit(plan.execute)
