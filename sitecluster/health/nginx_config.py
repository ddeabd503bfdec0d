"""The nginx site configuration, generated from the cluster's sites (``manage.py cluster
nginx-config``): every canonical hostname, every old hostname (301 straight from nginx to the
same address the application would redirect to), static and public media served from disk,
private media refused, and the page-cache snippet included when it exists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine

from content_models.interaction.attachments import private_root
from sitecluster.tenancy.hostnames import public_root_url
from sitecluster.tenancy.models import ClusterSite, SiteStatus

DEPLOY_DIR = Path(settings.BASE_DIR) / "deploy"
TEMPLATE_DIR = DEPLOY_DIR / "nginx"
PAGE_CACHE_SNIPPET = TEMPLATE_DIR / "page-cache.conf"
# MEDIA_ROOT folders nginx must never serve (see the template's comments).
PRIVATE_MEDIA_FOLDERS = ("disclosure_replies", "documents")


class NginxConfigError(ValueError):
    """Raised with a Chinese message when the options cannot produce a valid configuration."""


@dataclass(frozen=True)
class NginxOptions:
    upstream: str = "127.0.0.1:8001"
    listen: str = "80"  # address:port or port
    forwarded_proto: str = "$scheme"
    ssl_certificate: str = ""
    ssl_certificate_key: str = ""
    page_cache_include: str | None = None  # None: deploy/nginx/page-cache.conf if it exists
    client_max_body_size: str = "60m"


def page_cache_dir() -> Path:
    configured = getattr(settings, "SITECLUSTER_PAGE_CACHE", None) or {}
    return Path(configured.get("DIR") or Path(settings.MEDIA_ROOT).parent / "pagecache")


def _alias_groups(sites, portal) -> list[dict]:
    groups = []
    for site in sites:
        aliases = site.alias_list
        if not aliases:
            continue
        if site.hostname:
            target = public_root_url(site.hostname)
        elif portal is not None and portal.hostname and site.mount_path:
            target = public_root_url(portal.hostname) + site.mount_path.rstrip("/")
        else:
            continue  # nowhere to send visitors yet; the application answers 404 for them
        groups.append({"code": site.code, "name": site.name, "aliases": aliases, "target": target})
    return groups


def render_nginx_config(options: NginxOptions | None = None) -> str:
    options = options or NginxOptions()
    if bool(options.ssl_certificate) != bool(options.ssl_certificate_key):
        raise NginxConfigError(
            "TLS 证书和私钥必须同时提供（--ssl-certificate 与 --ssl-certificate-key）。"
        )
    if not options.upstream or any(c.isspace() or c == ";" for c in options.upstream):
        raise NginxConfigError(f"应用服务器地址无效：{options.upstream!r}")
    sites = list(ClusterSite.objects.filter(status=SiteStatus.ACTIVE).order_by("sort_order", "pk"))
    portal = next((s for s in sites if s.kind == "portal"), None)
    hostnames = [s.hostname for s in sites if s.hostname]
    if not hostnames:
        raise NginxConfigError("站群中还没有设置主域名的站点，无法生成 nginx 配置。")
    # The single sign-on login host (docs/sso.md) belongs to no site but is served by the app.
    login_host = getattr(settings, "SITECLUSTER_LOGIN_HOST", "")
    if login_host and login_host not in hostnames:
        hostnames.append(login_host)
    include = options.page_cache_include
    if include is None:
        include = str(PAGE_CACHE_SNIPPET) if PAGE_CACHE_SNIPPET.exists() else ""
    tls = None
    listens = [options.listen]
    http_listen = options.listen
    if options.ssl_certificate:
        tls = {"certificate": options.ssl_certificate, "key": options.ssl_certificate_key}
        host = options.listen.rpartition(":")[0]
        listens = [f"{host}:443 ssl" if host else "443 ssl"]
    engine = Engine(dirs=[str(TEMPLATE_DIR)], autoescape=False)
    context = {
        "sites": sites,
        "hostnames": hostnames,
        "alias_groups": _alias_groups(sites, portal),
        "upstream": options.upstream,
        "listens": listens,
        "http_listen": http_listen,
        "tls": tls,
        "forwarded_proto": options.forwarded_proto,
        "static_root": str(settings.STATIC_ROOT).rstrip("/"),
        "media_root": str(settings.MEDIA_ROOT).rstrip("/"),
        "private_root": str(private_root()),
        "private_folders": PRIVATE_MEDIA_FOLDERS,
        "page_cache_include": include,
        "page_cache_dir": str(page_cache_dir()).rstrip("/"),
        "client_max_body_size": options.client_max_body_size,
    }
    return engine.get_template("site.conf.template").render(Context(context))
