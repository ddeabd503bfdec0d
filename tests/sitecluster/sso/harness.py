"""A small cluster served by a live server, and a browser-like HTTP client for it.

``*.localhost`` names are not resolved by Python here, so :class:`Browser` sends every request
for a cluster host to the live server's loopback address with the host in the Host header,
keeping cookies per host exactly as a browser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from django.contrib.auth import get_user_model

from wagtail.models import Page

from content_models.organisations.factories import OrganisationFactory
from sitecluster.sso.clients import sync_all_clients
from sitecluster.tenancy.models import ClusterSite, SiteKind

PORTAL = "hedong.localhost"
FGW = "fgw.localhost"
NYJ = "nyj.localhost"
LOGIN = "login.localhost"
PASSWORD = "Sso-Test-2026!"


class LoopbackAdapter(HTTPAdapter):
    """Sends every ``*.localhost`` URL to 127.0.0.1:<port>; the Host header keeps the name."""

    def __init__(self, port: int):
        super().__init__()
        self.port = port

    def send(self, request, **kwargs):
        original = request.url
        parts = urlsplit(original)
        if parts.hostname and parts.hostname.endswith(".localhost"):
            routed = request.copy()
            routed.url = urlunsplit(("http", f"127.0.0.1:{self.port}", parts.path, parts.query, ""))
            routed.headers["Host"] = parts.netloc
            response = super().send(routed, **kwargs)
            response.url = original
            response.request = request
            return response
        return super().send(request, **kwargs)


class Browser(requests.Session):
    def __init__(self, port: int):
        super().__init__()
        self.port = port
        self.mount("http://", LoopbackAdapter(port))

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def open(self, host: str, path: str = "/", **kwargs) -> requests.Response:
        return self.get(self.url(host, path), **kwargs)

    def hops(self, response) -> list[str]:
        """Every address the browser went through, the final one last."""
        return [r.url for r in response.history] + [response.url]

    def submit_password(self, response, username: str, password: str = PASSWORD):
        """Fill in the sign-in form the response shows and post it (CSRF token included)."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
        data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        next_field = re.search(r'name="next" value="([^"]*)"', response.text)
        if next_field:
            data["next"] = next_field.group(1).replace("&amp;", "&")
        return self.post(response.url, data=data, headers={"Referer": response.url})

    def post_form(self, host: str, path: str, page_path: str = "/", **data):
        """POST with the CSRF token of this host (as a page's form on ``host`` would)."""
        self.open(host, page_path)
        token = self._csrf_for(host)
        return self.post(
            self.url(host, path),
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": self.url(host, page_path)},
        )

    def _csrf_for(self, host):
        for cookie in self.cookies:
            if cookie.name == "csrftoken" and cookie.domain.startswith(host):
                return cookie.value
        return ""

    def session_cookie_hosts(self) -> set[str]:
        return {c.domain for c in self.cookies if c.name == "sessionid"}


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@dataclass
class SsoCluster:
    portal: ClusterSite
    fgw: ClusterSite
    nyj: ClusterSite
    street: ClusterSite  # path-only, inside the portal
    admin: object
    editor: object


def build_sso_cluster() -> SsoCluster:
    """Three sites with hostnames and one path-only site, a superuser and a plain user."""
    root = Page.get_first_root_node()
    portal_home = root.add_child(instance=Page(title="河东区人民政府", slug="sso-hedong"))
    portal = ClusterSite.objects.create(
        code="hedong",
        name="河东区人民政府",
        kind=SiteKind.PORTAL,
        organisation=OrganisationFactory(name="河东区人民政府"),
        root_page=portal_home,
        hostname=PORTAL,
    )
    sites = {}
    for code, name, host in (
        ("fgw", "河东区发展和改革委员会", FGW),
        ("nyj", "河东区农业农村局", NYJ),
    ):
        home = root.add_child(instance=Page(title=name, slug=f"sso-{code}"))
        sites[code] = ClusterSite.objects.create(
            code=code,
            name=name,
            kind=SiteKind.DEPARTMENT,
            organisation=OrganisationFactory(name=name),
            root_page=home,
            hostname=host,
        )
    jd = portal_home.add_child(instance=Page(title="街道", slug="jd"))
    street_home = jd.add_child(instance=Page(title="新华街道办事处", slug="xhjd"))
    street = ClusterSite.objects.create(
        code="xhjd",
        name="新华街道办事处",
        kind=SiteKind.STREET,
        organisation=OrganisationFactory(name="新华街道办事处"),
        root_page=street_home,
    )
    users = get_user_model().objects
    admin = users.create_superuser("zhangwei", "zhangwei@hedong.gov.cn", PASSWORD)
    admin.first_name = "张伟"
    admin.save()
    editor = users.create_user("lina", "lina@hedong.gov.cn", PASSWORD)
    return SsoCluster(portal, sites["fgw"], sites["nyj"], street, admin, editor)


def serve_cluster_on(settings, live_server) -> int:
    """Point public URLs and the back channel at the live server; re-register the clients."""
    port = int(live_server.url.rsplit(":", 1)[1])
    settings.SITECLUSTER_PUBLIC_PORT = port
    settings.SITECLUSTER_LOGIN_HOST = LOGIN
    settings.SITECLUSTER_SSO_BACKCHANNEL_URL = f"http://127.0.0.1:{port}"
    sync_all_clients()
    return port
