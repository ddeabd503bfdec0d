"""The optional upstream identity provider (e.g. a province's unified identity platform).

When ``SITECLUSTER_SSO_UPSTREAM_ISSUER`` is set the login host sends users there instead of
asking for a local password, and maps the identity it gets back to a local user.
"""

from __future__ import annotations

import requests

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured


def upstream_settings() -> dict:
    return settings.SITECLUSTER_SSO_UPSTREAM


def upstream_enabled() -> bool:
    return bool(upstream_settings().get("ISSUER"))


def upstream_metadata() -> dict:
    """The upstream's discovery document (cached for an hour)."""
    issuer = upstream_settings()["ISSUER"].rstrip("/")
    key = f"sitecluster.sso.upstream.metadata:{issuer}"
    metadata = cache.get(key)
    if metadata is None:
        response = requests.get(
            issuer + "/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        response.raise_for_status()
        metadata = response.json()
        if metadata.get("issuer", "").rstrip("/") != issuer:
            raise ImproperlyConfigured(
                f"Upstream OIDC discovery at {issuer} names issuer {metadata.get('issuer')!r}"
            )
        cache.set(key, metadata, 3600)
    return metadata
