"""The nginx site configuration generated from a two-site cluster: golden file, `nginx -t`,
and a real nginx answering on loopback (aliases, private media, static cache headers)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from content_models.interaction.attachments import private_root
from sitecluster.health.nginx_config import (
    NginxConfigError,
    NginxOptions,
    page_cache_dir,
    render_nginx_config,
)
from tests.cluster import build_two_site_cluster

GOLDEN = Path(__file__).parent / "golden" / "two-site-cluster.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPTIONS = NginxOptions(
    upstream="127.0.0.1:18691",
    listen="127.0.0.1:18690",
    forwarded_proto="$scheme",
    page_cache_include="/srv/sitecluster/app/deploy/nginx/page-cache.conf",
)


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            built = build_two_site_cluster(articles_per_column=0)
            yield built
            transaction.set_rollback(True)


def normalised(text: str) -> str:
    """Machine paths (temporary media folders) replaced by stable names."""
    for path, name in (
        (str(page_cache_dir()), "<PAGE_CACHE_DIR>"),
        (str(private_root()), "<PRIVATE_ROOT>"),
        (str(settings.MEDIA_ROOT).rstrip("/"), "<MEDIA_ROOT>"),
        (str(settings.STATIC_ROOT).rstrip("/"), "<STATIC_ROOT>"),
    ):
        text = text.replace(path, name)
    return text


@pytest.mark.django_db
def test_empty_cluster_is_refused():
    # First in the module: the module-scoped cluster does not exist yet.
    with pytest.raises(CommandError, match="还没有设置主域名的站点"):
        call_command("cluster", "nginx-config", stdout=io.StringIO())


@pytest.mark.django_db
def test_matches_the_golden_file(cluster):
    text = normalised(render_nginx_config(OPTIONS))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_hosts_aliases_portal_paths_and_private_media(cluster):
    text = render_nginx_config(OPTIONS)
    # Every canonical hostname, then the single sign-on login host (docs/sso.md).
    assert f"server_name hedong.test fgw.test {settings.SITECLUSTER_LOGIN_HOST};" in text
    # An alias of a site with its own hostname goes there; one of a path-only site into the portal.
    assert "server_name www.hedong.test;" in text
    assert "return 301 http://fgw.test$request_uri;" in text
    assert "return 301 http://hedong.test/bm/jyj$request_uri;" in text
    assert "jyj · 河东区教育局 · — · /bm/jyj/" in text
    assert "location ^~ /media/disclosure_replies/ { return 404; }" in text
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text
    assert f"include {OPTIONS.page_cache_include};" in text
    assert "try_files /nonexistent" not in text  # the page-cache snippet owns `location /`


@pytest.mark.django_db
def test_without_the_snippet_everything_goes_to_the_application(cluster):
    text = render_nginx_config(NginxOptions(page_cache_include=""))
    assert "include" not in text.split("location @sitecluster_app")[1]
    assert "try_files /nonexistent @sitecluster_app;" in text


@pytest.mark.django_db
def test_tls_needs_certificate_and_key(cluster):
    with pytest.raises(NginxConfigError, match="证书和私钥"):
        render_nginx_config(NginxOptions(ssl_certificate="/etc/ssl/a.pem"))
    text = render_nginx_config(
        NginxOptions(ssl_certificate="/etc/ssl/a.pem", ssl_certificate_key="/etc/ssl/a.key")
    )
    assert "listen 443 ssl default_server;" in text
    assert "return 301 https://$host$request_uri;" in text


@pytest.mark.django_db
def test_command_writes_the_file(tmp_path, cluster):
    target = tmp_path / "sitecluster.conf"
    call_command("cluster", "nginx-config", "--output", str(target), stdout=io.StringIO())
    assert "upstream sitecluster_app" in target.read_text()


# -- a real nginx ---------------------------------------------------------------------------


def write_nginx(tmp_path: Path, site_conf: str) -> Path:
    prefix = tmp_path / "nginx"
    (prefix / "logs").mkdir(parents=True)
    (prefix / "sitecluster.conf").write_text(site_conf, encoding="utf-8")
    temps = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "logs" / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temps}
    include {prefix / "sitecluster.conf"};
}}
""",
        encoding="utf-8",
    )
    return conf


def nginx_command(conf: Path) -> list[str]:
    prefix = conf.parent
    return [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "logs" / "error.log")]


@pytest.mark.django_db
def test_nginx_accepts_the_generated_configuration(tmp_path, cluster):
    # Without a snippet, and with the real one of the page cache (sitecluster/caching).
    snippet = Path(settings.BASE_DIR) / "deploy" / "nginx" / "page-cache.conf"
    assert snippet.exists()
    for include in ("", str(snippet)):
        site = render_nginx_config(
            NginxOptions(
                upstream="127.0.0.1:18691", listen="127.0.0.1:18690", page_cache_include=include
            )
        )
        conf = write_nginx(tmp_path / ("with" if include else "without"), site)
        result = subprocess.run([*nginx_command(conf), "-t"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(port: int, host: str, path: str):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.django_db
def test_real_nginx_redirects_aliases_and_keeps_private_media_private(tmp_path, cluster):
    media, static = Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)
    files = {
        media / "images" / "nginx-test.png": b"\x89PNG public",
        media / "disclosure_replies" / "T1" / "reply.pdf": b"%PDF private reply",
        media / "documents" / "private.pdf": b"%PDF private document",
    }
    # Outside pytest's private tmp tree: nginx's workers (an unprivileged user) must reach it.
    static_dir = Path(tempfile.mkdtemp(prefix="sitecluster-nginx-static-"))
    static_file = static_dir / "css" / "site.0123456789ab.css"
    files[static_file] = b"body{}"
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    port = free_port()
    site = render_nginx_config(
        NginxOptions(
            upstream=f"127.0.0.1:{free_port()}", listen=f"127.0.0.1:{port}", page_cache_include=""
        )
    ).replace(str(static).rstrip("/"), str(static_dir))
    conf = write_nginx(tmp_path, site)
    for path in [static_dir, *static_dir.rglob("*"), media, *media.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    process = subprocess.Popen([*nginx_command(conf), "-g", "daemon off;"])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        status, headers, _ = get(port, "www.hedong.test", "/gzdt/?page=2")
        assert (status, headers["Location"]) == (301, "http://hedong.test/gzdt/?page=2")
        status, headers, _ = get(port, "jyj.test", "/gzdt/")
        assert (status, headers["Location"]) == (301, "http://hedong.test/bm/jyj/gzdt/")
        status, headers, body = get(port, "fgw.test", "/media/images/nginx-test.png")
        assert (status, body) == (200, b"\x89PNG public")
        assert "public" in headers["Cache-Control"]
        for private in ("disclosure_replies/T1/reply.pdf", "documents/private.pdf"):
            status, _, body = get(port, "hedong.test", f"/media/{private}")
            assert status == 404 and b"private" not in body
        status, headers, _ = get(port, "hedong.test", "/static/css/site.0123456789ab.css")
        assert status == 200
        assert "max-age=31536000" in headers["Cache-Control"]
        # No application behind it here: pages are passed to the upstream (502).
        status, _, _ = get(port, "hedong.test", "/")
        assert status == 502
    finally:
        process.terminate()
        process.wait(timeout=10)
        for path in files:
            path.unlink(missing_ok=True)
        shutil.rmtree(static_dir, ignore_errors=True)
