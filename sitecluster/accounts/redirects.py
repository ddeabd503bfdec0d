"""``next`` parameters: only to the cluster's own hosts (any site hostname or alias, the login
host, the current host). Everything else — other hosts, ``//evil.com``, ``javascript:``,
backslash and user-info tricks — falls back to a safe local address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from sitecluster.tenancy.hostnames import normalise_hostname


def cluster_hosts() -> set[str]:
    from sitecluster.tenancy.models import ClusterSite

    hosts = set()
    for hostname, aliases in ClusterSite.objects.values_list("hostname", "aliases"):
        if hostname:
            hosts.add(normalise_hostname(hostname))
        hosts.update(normalise_hostname(a) for a in (aliases or "").split() if a)
    login_host = getattr(settings, "SITECLUSTER_LOGIN_HOST", "") or ""
    if login_host:
        hosts.add(normalise_hostname(login_host.split(":")[0]))
    return hosts


def _netloc_if_cluster_host(url: str, hosts: set[str]) -> str | None:
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return None
    if not parts.netloc or "@" in parts.netloc or not hostname:
        return None
    return parts.netloc if normalise_hostname(hostname) in hosts else None


def is_safe_next(request, url: str | None) -> bool:
    if not url or not isinstance(url, str):
        return False
    url = url.strip()
    allowed = {request.get_host()}
    if "//" in url or "\\" in url:
        hosts = cluster_hosts()
        for variant in (url, url.replace("\\", "/")):
            netloc = _netloc_if_cluster_host(variant, hosts)
            if netloc:
                allowed.add(netloc)
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts=allowed, require_https=request.is_secure()
    )


def safe_next(request, url: str | None, default: str = "/") -> str:
    """``url`` when it points at the cluster itself, else ``default``."""
    return url.strip() if is_safe_next(request, url) else default


def next_from(request, default: str = "/") -> str:
    """The ``next`` of a POST (hidden field) or GET, made safe."""
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), default)
