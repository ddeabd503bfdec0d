"""Which site a page belongs to, found from the page tree (models never import the tenancy app).

A site is identified by its home page: the deepest ancestor that a ``tenancy.ClusterSite`` row
points at (reverse one-to-one ``cluster_site``). Member sites nest inside the portal, so the
deepest one wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

ACTIVE = "active"  # tenancy.SiteStatus.ACTIVE, spelt out so models do not import sitecluster


def site_home_of(page: Page) -> Page | None:
    """The home page of the site holding ``page`` (one query), with its ClusterSite loaded."""
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return (
        Page.objects.filter(path__in=paths, cluster_site__isnull=False)
        .select_related("cluster_site")
        .order_by("-depth")
        .first()
    )


def site_name(home: Page | None) -> str:
    site = getattr(home, "cluster_site", None) if home is not None else None
    return site.name if site is not None else ""


def site_is_active(home: Page | None) -> bool:
    site = getattr(home, "cluster_site", None) if home is not None else None
    return site is not None and site.status == ACTIVE


def site_homes_for_paths(paths: Iterable[str]) -> dict[str, Page]:
    """``{path: home page}`` for many page paths with one query (the deepest site wins)."""
    paths = list(paths)
    prefixes = {
        path[:end] for path in paths for end in range(Page.steplen, len(path) + 1, Page.steplen)
    }
    homes = sorted(
        Page.objects.filter(path__in=prefixes, cluster_site__isnull=False).select_related(
            "cluster_site"
        ),
        key=lambda home: -len(home.path),
    )
    return {
        path: next((home for home in homes if path.startswith(home.path)), None) for path in paths
    }
