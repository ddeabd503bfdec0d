"""Where the cluster's login host is and how the sites reach it.

The login host (``settings.SITECLUSTER_LOGIN_HOST``) is the OpenID provider; every site
hostname is a relying party with its own client registration (see :mod:`.clients`).
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

import requests

from django.conf import settings
from django.core.exceptions import DisallowedHost

from sitecluster.tenancy.hostnames import normalise_hostname, public_root_url

ISSUER_PATH = "/o"


def login_host() -> str:
    return normalise_hostname(settings.SITECLUSTER_LOGIN_HOST)


def is_login_host(request) -> bool:
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return host.lower().rsplit(":", 1)[0] == login_host()


def login_root() -> str:
    return public_root_url(login_host())


def issuer() -> str:
    return login_root() + ISSUER_PATH


def provider_endpoint(name: str) -> str:
    paths = {
        "authorize": "/authorize/",
        "token": "/token/",
        "userinfo": "/userinfo/",
        "jwks": "/.well-known/jwks.json",
        "logout": "/logout/",
    }
    return issuer() + paths[name]


def client_id_for(code: str) -> str:
    return f"site-{code}"


def client_secret_for(client_id: str) -> str:
    """Derived from SECRET_KEY: the sites and the provider share it, nothing is stored in clear."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"sitecluster.sso.client:{client_id}".encode(), hashlib.sha256
    ).hexdigest()


def backchannel(method: str, url: str, **kwargs) -> requests.Response:
    """Server-to-server call to the provider (token, userinfo, JWKS).

    With ``SITECLUSTER_SSO_BACKCHANNEL_URL`` set, calls for the login host go to that internal
    address with the login host's name in the Host header (the sites need not resolve the
    public name, e.g. ``login.localhost`` in development).
    """
    internal = settings.SITECLUSTER_SSO_BACKCHANNEL_URL
    root = login_root()
    if internal and url.startswith(root + "/"):
        kwargs.setdefault("headers", {})["Host"] = urlsplit(root).netloc
        url = internal.rstrip("/") + url[len(root) :]
    kwargs.setdefault("timeout", settings.OIDC_TIMEOUT)
    return requests.request(method, url, **kwargs)
