"""Host routing in front of Wagtail: canonical hosts pass, aliases 301, unknown hosts 404."""

from __future__ import annotations

from multisite.middleware import DynamicSiteMiddleware

from django.http import HttpResponsePermanentRedirect

from .hostnames import public_root_url
from .models import ClusterSite
from .sync import hosts_generation


class ClusterHostMiddleware(DynamicSiteMiddleware):
    """django-multisite2's middleware, tuned for a cluster.

    - cached lookups are keyed on a generation number that every routing change bumps, so an
      added, removed or moved alias takes effect at once in every worker;
    - no "development" fallback: an unknown host gets the cluster's 404 page everywhere;
    - an alias redirects to its site's canonical address, which for a site without a hostname
      of its own is its path inside the portal (旧域名 → 门户路径).
    """

    def get_cache_key(self, netloc):
        return f"{super().get_cache_key(netloc)}.g{hosts_generation()}"

    @staticmethod
    def get_development_alias(netloc):
        return None

    @staticmethod
    def redirect_to_canonical(request, alias):
        if alias.is_canonical or not alias.redirect_to_canonical:
            return None
        target = alias.site.domain
        prefix = ""
        owner = ClusterSite.objects.filter(aliases__icontains=alias.domain).first()
        if owner is not None and alias.domain in owner.alias_list and not owner.hostname:
            prefix = owner.mount_path.rstrip("/")
        return HttpResponsePermanentRedirect(
            public_root_url(target) + prefix + request.get_full_path()
        )
