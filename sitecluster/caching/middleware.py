"""Answer anonymous page views from the shared page store, before URL resolution.

Placed right after WhiteNoise and before host routing: a stored page costs two small file
reads and no database query. On a miss the page is rendered as usual and stored when
:func:`storable` says the rendering is the same for every anonymous visitor. In production
nginx serves the same store itself (``deploy/nginx/page-cache.conf``); this middleware is the
embedded default and the fallback behind nginx.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from sitecluster.tenancy.cluster_settings import ClusterSettings

from .addresses import is_address_of
from .config import html_max_age, page_cache_enabled, page_store
from .store import StoredPage, page_folder

logger = logging.getLogger(__name__)

# themes.care_mode.COOKIE (长者模式); a test keeps the two equal.
CARE_MODE_COOKIE = "sc_care_mode"
# Cookies that mean "this visitor may see something personal": a session (possibly logged
# in) or flash messages waiting to be shown.
PERSONAL_COOKIES = ("messages",)
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
)
CACHE_STATUS_HEADER = "X-Page-Cache"


def store_key(request) -> tuple[str, str, str] | None:
    """(host, path, variant) when this request may be answered from the store, else None."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(c in cookies for c in PERSONAL_COOKIES):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    path = request.path
    if page_folder(path) is None:
        return None
    try:
        host, _port = split_domain_port(request.get_host())
    except DisallowedHost:
        return None
    if not host:
        return None
    variant = "care" if cookies.get(CARE_MODE_COOKIE) == "1" else "index"
    return host, path, variant


def public_cache_control() -> str:
    return f"public, max-age={html_max_age()}, must-revalidate"


def not_modified(request, stored: StoredPage) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or stored.etag in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE") or "")
    return since is not None and int(stored.mtime) <= since


def validator_headers(response, stored: StoredPage) -> None:
    response["ETag"] = stored.etag
    response["Last-Modified"] = http_date(stored.mtime)
    response["Cache-Control"] = public_cache_control()
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])


def serve_stored(request, stored: StoredPage):
    if not_modified(request, stored):
        response = HttpResponseNotModified()
    else:
        body_path = stored.html
        gzipped = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
        if gzipped:
            gz = stored.html.with_name(stored.html.name + ".gz")
            body_path = gz if gz.exists() else body_path
            gzipped = body_path is gz
        try:
            body = body_path.read_bytes()
        except OSError:  # purged between the stat and the read
            return None
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        response["Content-Length"] = str(len(body))
        if gzipped:
            response["Content-Encoding"] = "gzip"
    for name, value in stored.headers.items():
        response[name] = value
    validator_headers(response, stored)
    response[CACHE_STATUS_HEADER] = "HIT"
    return response


def storable(request, response, host: str, path: str) -> bool:
    """Whether this rendering is the same for every anonymous visitor of this address."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies:  # CSRF token, session, messages: personal
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if getattr(request, "theme_preview", None) or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    page = getattr(request, "sitecluster_page", None)
    if page is None or not is_address_of(page, host, path):
        return False  # not a Wagtail page, or a sub-route the purge would not find
    if page.get_view_restrictions().exists():
        return False
    cluster_settings = ClusterSettings.load()
    # 置灰 that ends by itself at a set time: nothing would purge the grey pages then.
    return not (cluster_settings.mourning_enabled and cluster_settings.mourning_until is not None)


class PageCacheMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache_enabled():
            return never_cache_if_personal(request, self.get_response(request))
        store = page_store()
        key = store_key(request)
        if key is not None:
            stored = store.read(*key)
            if stored is not None:
                response = serve_stored(request, stored)
                if response is not None:
                    return response
        started = time.time_ns()
        response = self.get_response(request)
        if key is not None and storable(request, response, key[0], key[1]):
            headers = {name: response[name] for name in STORED_HEADERS if name in response}
            stored = store.write(*key, response.content, headers, rendered_since_ns=started)
            if stored is not None:
                validator_headers(response, stored)
                response[CACHE_STATUS_HEADER] = "MISS"
            return response
        return never_cache_if_personal(request, response)


def never_cache_if_personal(request, response):
    """Logged in, or a response that sets a cookie (a form's CSRF token, a session): nothing a
    shared cache (CDN) or the browser's back button may keep."""
    user = getattr(request, "user", None)
    if (user is not None and user.is_authenticated) or (
        response.cookies and "Cache-Control" not in response
    ):
        add_never_cache_headers(response)
    return response
