"""Template access to the tenant a page belongs to (its ClusterSite and the portal)."""

from django import template

from wagtail.models import Page, Site

from ..models import ClusterSite, SiteKind

register = template.Library()


def _cluster_sites(request):
    cached = getattr(request, "_cluster_sites", None) if request else None
    if cached is None:
        cached = list(
            ClusterSite.objects.active().select_related("organisation", "banner_image", "root_page")
        )
        cached.sort(key=lambda site: len(site.root_page.path), reverse=True)
        if request is not None:
            request._cluster_sites = cached
    return cached


def cluster_site_for(page, request=None):
    """The ClusterSite whose subtree holds ``page`` (the deepest one), or None."""
    sites = _cluster_sites(request)
    if page is not None and isinstance(page, Page):
        for site in sites:
            if page.path.startswith(site.root_page.path):
                return site
    if request is not None:
        wagtail_site = Site.find_for_request(request)
        for site in sites:
            if wagtail_site and site.wagtail_site_id == wagtail_site.pk:
                return site
    return next((site for site in sites if site.kind == SiteKind.PORTAL), None)


@register.simple_tag(takes_context=True)
def cluster_site(context):
    """{% cluster_site as site %}: the site of the page being rendered."""
    return cluster_site_for(context.get("page") or context.get("self"), context.get("request"))


@register.simple_tag(takes_context=True)
def portal_site(context):
    """{% portal_site as portal %}: the district portal."""
    sites = _cluster_sites(context.get("request"))
    return next((site for site in sites if site.kind == SiteKind.PORTAL), None)
