"""Which client a host signs in with, and which hosts a ``next`` address may lead to."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

from sitecluster.tenancy.models import ClusterSite

from .config import client_id_for, login_host


def request_hostname(request) -> str:
    return request.get_host().lower().rsplit(":", 1)[0]


def client_id_for_request(request) -> str | None:
    site = ClusterSite.objects.active().filter(hostname=request_hostname(request)).first()
    return client_id_for(site.code) if site else None


def cluster_hostnames() -> set[str]:
    hosts = set(
        ClusterSite.objects.active().exclude(hostname="").values_list("hostname", flat=True)
    )
    return hosts | {login_host()}


def safe_next(request, url: str | None) -> str | None:
    """``url`` if it stays on this cluster (a path, or a URL on one of its hosts), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.username or parts.password:
        return None
    allowed = {request.get_host()}
    if parts.hostname and parts.hostname in cluster_hostnames():
        allowed.add(f"{parts.hostname}:{port}" if port else parts.hostname)
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts=allowed, require_https=request.is_secure()
    ):
        return url
    return None
