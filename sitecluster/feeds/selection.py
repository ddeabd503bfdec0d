"""Which live, public pages a host shows: the site it serves, without other sites' subtrees.

A member site with a hostname of its own is listed on that host only (its pages have their
canonical address there); a path-only member site is part of the portal host. Archived sites
are never listed. Pages whose ``expire_at`` has passed are left out even before the scheduler
unpublishes them.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, Site

from sitecluster.tenancy.models import ClusterSite


def site_for_request(request) -> ClusterSite | None:
    """The active ClusterSite whose Wagtail site serves this request's host."""
    wagtail_site = Site.find_for_request(request)
    if wagtail_site is None:
        return None
    return (
        ClusterSite.objects.active()
        .filter(wagtail_site=wagtail_site)
        .select_related("root_page")
        .first()
    )


def nested_roots(site: ClusterSite, *, all_members: bool) -> list[str]:
    """Tree paths of the other sites inside ``site``'s subtree that it must not list.

    ``all_members``: every nested site (a site's own feed); otherwise only those with a
    hostname of their own or not active (what the host shows: the sitemap).
    """
    root_path = site.root_page.path
    paths = []
    for other in ClusterSite.objects.exclude(pk=site.pk).select_related("root_page"):
        path = other.root_page.path
        if path.startswith(root_path) and (all_members or other.hostname or not other.is_active):
            paths.append(path)
    return paths


def outside(paths: list[str]) -> Q:
    condition = Q()
    for path in paths:
        condition &= ~Q(path__startswith=path)
    return condition


def not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def host_pages(site: ClusterSite):
    """Every live, public page the host of ``site`` serves, in tree order."""
    return (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .live()
        .public()
        .filter(not_expired())
        .filter(outside(nested_roots(site, all_members=False)))
        .order_by("path")
    )


def page_in_active_site(page: Page) -> ClusterSite | None:
    """The deepest active site whose subtree holds ``page``, or None (archived or outside)."""
    best = None
    for site in ClusterSite.objects.select_related("root_page"):
        if page.path.startswith(site.root_page.path) and (
            best is None or len(site.root_page.path) > len(best.root_page.path)
        ):
            best = site
    return best if best is not None and best.is_active else None
