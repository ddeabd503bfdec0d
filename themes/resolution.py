"""Which theme renders the current request.

``ThemeMiddleware`` puts a :class:`RenderState` into a context variable for the duration of a
request; Wagtail's ``before_serve_page`` hook records the page being served. The theme is
resolved lazily, the first time a template that some theme overrides is loaded (or the page's
theme assets are rendered), in this order:

1. a valid signed preview token (``?theme_preview=``) issued by the 主题管理 admin;
2. the theme of the page's ClusterSite (found from the page tree);
3. for requests that serve no page (search, forms, previews, error pages), the ClusterSite whose
   subtree holds the request path under the host's Wagtail site;
4. the base theme.

Resolving reuses the per-request ClusterSite list that ``{% cluster_site %}`` loads anyway, so
it adds no query to a page render. Outside a request (management commands, tests rendering a
template directly) the base theme applies unless :func:`use_theme` says otherwise.
"""

from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.core import signing

from .registry import BASE_THEME, Theme, registry

logger = logging.getLogger("sitecluster.themes")

PREVIEW_PARAM = "theme_preview"
PREVIEW_SALT = "sitecluster.themes.preview"
PREVIEW_MAX_AGE = 2 * 60 * 60  # seconds a preview link stays valid

_state: contextvars.ContextVar[RenderState | None] = contextvars.ContextVar(
    "sitecluster_theme_state", default=None
)


@dataclass
class RenderState:
    request: object = None
    page: object = None
    forced_theme: str | None = None  # preview token or use_theme()
    _resolved: tuple | None = None

    def resolve(self) -> tuple[Theme, object]:
        """``(theme, cluster_site_or_None)``, computed once per request."""
        if self._resolved is None:
            site = None
            try:
                site = _site_for(self.page, self.request)
            except Exception:  # noqa: BLE001 - the 500 page must render even without a DB
                logger.exception("Could not resolve the site of %r", self.request)
            name = self.forced_theme or (site.theme if site is not None else BASE_THEME)
            theme = registry.resolve(name)
            if theme is not None and theme.name != name:
                logger.warning("Unknown theme %r (site %r); using the base theme", name, site)
            self._resolved = (theme, site)
        return self._resolved


def _site_for(page, request):
    if request is None and page is None:
        return None
    from sitecluster.tenancy.templatetags.cluster import _cluster_sites, cluster_site_for

    if page is not None:
        return cluster_site_for(page, request)
    host_site = cluster_site_for(None, request)
    if host_site is None or getattr(host_site, "root_page", None) is None:
        return host_site
    # A path under the host's site may belong to a member site mounted below it (previews
    # of path-only member sites arrive on the portal host with the page's path).
    url_path = host_site.root_page.url_path + request.path.lstrip("/")
    for site in _cluster_sites(request):  # deepest first
        if url_path.startswith(site.root_page.url_path) and site.root_page.path.startswith(
            host_site.root_page.path
        ):
            return site
    return host_site


def current_state() -> RenderState | None:
    return _state.get()


def begin_request(request) -> contextvars.Token:
    state = RenderState(request=request)
    token = _state.set(state)
    theme = preview_theme_from_request(request)
    if theme:
        state.forced_theme = theme
        request.theme_preview = theme
    return token


def end_request(token: contextvars.Token) -> None:
    _state.reset(token)


def note_page(page) -> None:
    """Called before Wagtail serves a page: the page decides the site and so the theme."""
    state = _state.get()
    if state is not None and state._resolved is None:
        state.page = page


def active_theme() -> Theme | None:
    state = _state.get()
    if state is None:
        return registry.base()
    return state.resolve()[0]


def active_theme_name() -> str:
    theme = active_theme()
    return theme.name if theme is not None else BASE_THEME


def active_site():
    state = _state.get()
    return state.resolve()[1] if state is not None else None


@contextmanager
def use_theme(name: str, site=None):
    """Render in theme ``name`` (and for ``site``) inside the block, whatever the request."""
    theme = registry.resolve(name)
    state = RenderState(forced_theme=name, _resolved=(theme, site))
    token = _state.set(state)
    try:
        yield theme
    finally:
        _state.reset(token)


# Preview tokens -------------------------------------------------------------------------------


def make_preview_token(theme_name: str, site_id: int | None = None) -> str:
    return signing.dumps({"theme": theme_name, "site": site_id}, salt=PREVIEW_SALT, compress=True)


def read_preview_token(token: str) -> str | None:
    """The theme a token previews, or None if it is forged, expired or names no theme."""
    try:
        data = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        return None
    name = data.get("theme") if isinstance(data, dict) else None
    return name if registry.get(name) is not None else None


def preview_theme_from_request(request) -> str | None:
    token = request.GET.get(PREVIEW_PARAM)
    if not token:
        return None
    return read_preview_token(token[:500])
