"""Every address a page is served at: each host whose site contains it, with the path there.

A department page is reachable on the department's own hostname and under the portal path
(``fgw.hedong.gov.cn/gzdt/x/`` and ``www.hedong.gov.cn/bm/fgw/gzdt/x/``); a path-only site only
under the portal. Aliases answer with a redirect and are never stored, so they have no address.
The addresses come from Wagtail's site root paths, the same table Wagtail routes with.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from wagtail.models import Page, Site

from sitecluster.tenancy.models import ClusterSite


@dataclass(frozen=True, order=True)
class Address:
    host: str
    path: str
    root_url: str  # scheme://host[:port], for full URLs sent to a frontend cache

    @property
    def url(self) -> str:
        return self.root_url + self.path


def addresses_of_url_path(url_path: str) -> list[Address]:
    """Addresses of the page whose Wagtail ``url_path`` is given (it may no longer exist)."""
    found = []
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            root_url = root.root_url.rstrip("/")
            host = (urlsplit(root_url).hostname or "").lower()
            found.append(Address(host, "/" + url_path[len(root.root_path) :], root_url))
    return sorted(set(found))


def addresses_of(page: Page) -> list[Address]:
    return addresses_of_url_path(page.url_path) if page.url_path else []


def is_address_of(page: Page, host: str, path: str) -> bool:
    host = host.lower()
    return any(a.host == host and a.path == path for a in addresses_of(page))


def site_home_ancestors(page: Page) -> list[Page]:
    """The home pages of the cluster sites that contain ``page`` (its member site and the
    portal), excluding ``page`` itself: they list their sites' latest items."""
    roots = ClusterSite.objects.values_list("root_page_id", flat=True)
    return list(
        Page.objects.ancestor_of(page).filter(pk__in=roots).exclude(pk=page.pk).order_by("depth")
    )


def cluster_site_of(page: Page) -> ClusterSite | None:
    """The innermost cluster site whose tree holds ``page``."""
    roots = Page.objects.ancestor_of(page, inclusive=True).order_by("-depth")
    return (
        ClusterSite.objects.filter(root_page__in=roots)
        .select_related("root_page")
        .order_by("-root_page__depth")
        .first()
    )


def mounted_inside(site_root: Page) -> list[Page]:
    """Home pages of other cluster sites inside ``site_root``'s tree (members of the portal)."""
    return list(
        Page.objects.descendant_of(site_root)
        .filter(pk__in=ClusterSite.objects.values_list("root_page_id", flat=True))
        .order_by("path")
    )
