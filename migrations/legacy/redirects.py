"""Redirects from legacy URLs to what they became, matched where the request will arrive.

Once the legacy hostname is an alias of the member site, ``ClusterHostMiddleware`` answers it
with a 301 to the site's canonical address keeping the path: its own hostname (then Wagtail
sees the legacy path on the member site's Wagtail Site) or, for a site without a hostname of
its own, the portal path (then the portal's Wagtail Site sees ``/bm/<code>`` + the legacy path).
Both forms are created, so the redirects survive a hostname being added or removed later.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from sitecluster.tenancy.models import ClusterSite


def redirect_sites(cluster_site: ClusterSite) -> list[tuple[object, str]]:
    """(Wagtail Site, path prefix) pairs a legacy path of this member site can arrive on."""
    targets = []
    if cluster_site.wagtail_site_id:
        targets.append((cluster_site.wagtail_site, ""))
    portal = ClusterSite.objects.portal()
    if (
        portal is not None
        and portal.pk != cluster_site.pk
        and portal.wagtail_site_id
        and cluster_site.mount_path.strip("/")
    ):
        targets.append((portal.wagtail_site, "/" + cluster_site.mount_path.strip("/")))
    return targets


def legacy_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def ensure_redirects(targets, url: str, page=None, link: str = "") -> tuple[int, list[str]]:
    """Create the missing redirects for one legacy URL: (created, conflicts). Two queries."""
    conflicts = []
    path = legacy_path(url)
    if path in ("", "/"):
        return 0, []
    wanted = {}
    for site, prefix in targets:
        old_path = Redirect.normalise_path(prefix + path)
        if len(old_path) > 255:  # Redirect.old_path's limit
            conflicts.append(f"{site.hostname}{old_path[:80]}…（路径超过 255 个字符，未建立跳转）")
            continue
        wanted[(site.pk, old_path)] = site
    if not wanted:
        return 0, conflicts
    existing = {
        (r.site_id, r.old_path): r
        for r in Redirect.objects.filter(
            site__in=list(wanted.values()),
            old_path__in=[old_path for _, old_path in wanted],
        )
    }
    missing = []
    for (site_id, old_path), site in wanted.items():
        found = existing.get((site_id, old_path))
        if found is None:
            missing.append(
                Redirect(
                    site=site,
                    old_path=old_path,
                    redirect_page=page,
                    redirect_link=link,
                    is_permanent=True,
                )
            )
        elif (page is not None and found.redirect_page_id != page.pk) or (
            page is None and found.redirect_link != link
        ):
            conflicts.append(f"{site.hostname}{old_path}")
    Redirect.objects.bulk_create(missing)
    return len(missing), conflicts
