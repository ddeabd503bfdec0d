"""robots.txt and sitemap.xml on every site host."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from .selection import site_for_request
from .sitemaps import ClusterSitemap

# Never crawled: the admin, search result pages and the search API, personal pages.
DISALLOWED = ("/admin/", "/search/", "/api/", "/accounts/", "/oidc/", "/_theme/")


@require_GET
def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    if site_for_request(request) is not None:
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse('feeds:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _sitemap_for(request) -> ClusterSitemap:
    site = site_for_request(request)
    if site is None:
        raise Http404("No site at this host")
    return ClusterSitemap(request, site)


@require_GET
def sitemap(request):
    """The host's sitemap, or an index of its parts when it has more than 50,000 URLs."""
    pages = _sitemap_for(request)
    if pages.paginator.num_pages <= 1:
        return sitemap_views.sitemap(request, {"pages": pages})
    part = request.build_absolute_uri(reverse("feeds:sitemap_part"))
    parts = [
        sitemap_views.SitemapIndexItem(f"{part}?p={number}", None)
        for number in pages.paginator.page_range
    ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": parts}, content_type="application/xml"
    )


@require_GET
def sitemap_part(request):
    """One part of a large sitemap: ``?p=2`` (1-based)."""
    return sitemap_views.sitemap(request, {"pages": _sitemap_for(request)})
