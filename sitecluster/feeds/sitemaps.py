"""sitemap.xml per host: every live, public page the host serves (selection.host_pages)."""

from __future__ import annotations

from django.utils.encoding import iri_to_uri

from wagtail.contrib.sitemaps import Sitemap

from .selection import host_pages


class ClusterSitemap(Sitemap):
    """Wagtail's sitemap (each page's get_sitemap_urls) over the host's own pages.

    Wagtail's lists every descendant of the Wagtail site's root: on the portal that includes
    departments with a hostname of their own (listed again under their portal path) and
    archived sites. 50,000 URLs per file (the protocol's limit); more make an index.
    """

    limit = 50_000

    def __init__(self, request, site):
        super().__init__(request)
        self.site = site

    def items(self):
        return host_pages(self.site).defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:  # slugs are Chinese: the protocol wants percent-encoded URLs
            url["location"] = iri_to_uri(url["location"])
        return urls
