"""The client's address: ``REMOTE_ADDR``, or X-Forwarded-For behind trusted proxies.

``SITECLUSTER_TRUSTED_PROXIES`` is the number of reverse proxies in front of Django that
append to X-Forwarded-For. With N proxies the client is the N-th address from the right;
anything further left was written by the client and is not trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"
    proxies = int(getattr(settings, "SITECLUSTER_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
