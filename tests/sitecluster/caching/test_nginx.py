"""nginx serving the page store with deploy/nginx/page-cache.conf: the same bytes and headers
Django sends for a stored page, and every personal request passed to the application."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings

from sitecluster.caching.middleware import CARE_MODE_COOKIE

from .support import FGW_HOST, PageCacheTestCase

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SNIPPET = Path(settings.BASE_DIR) / "deploy" / "nginx" / "page-cache.conf"
PORTS = range(18500, 18600)  # this suite's port range
SAME_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Vary",
    "Content-Language",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "ETag",
    "Last-Modified",
)


class App(BaseHTTPRequestHandler):
    """Stands in for gunicorn behind nginx: answers everything with a recognisable body."""

    def answer(self):
        body = b"from the application"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = answer  # noqa: N815

    def log_message(self, *args):
        pass


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 18500-18599")


class NginxServesTheStoreTests(PageCacheTestCase):
    def setUp(self):
        super().setUp()
        self.app = ThreadingHTTPServer(("127.0.0.1", 0), App)
        threading.Thread(target=self.app.serve_forever, daemon=True).start()
        self.addCleanup(self.app.server_close)
        self.addCleanup(self.app.shutdown)

    def start_nginx(self):
        # nginx's workers run as an unprivileged user when the suite runs as root.
        for folder in [self.store.root, *self.store.root.rglob("*")]:
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        self.store.root.parent.chmod(0o755)
        work = Path(tempfile.mkdtemp(prefix="sitecluster-nginx-test-"))
        self.addCleanup(shutil.rmtree, work, ignore_errors=True)
        self.port = free_port()
        temp_paths = "\n".join(
            f"{kind}_temp_path {work / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = work / "nginx.conf"
        conf.write_text(
            f"""worker_processes 1;
daemon off;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    {temp_paths}
    server {{
        listen 127.0.0.1:{self.port};
        set $sitecluster_page_cache {self.store.root};
        location @sitecluster_app {{
            proxy_pass http://127.0.0.1:{self.app.server_address[1]};
            proxy_set_header Host $host;
        }}
        include {SNIPPET};
    }}
}}
"""
        )
        log = work / "error.log"
        with log.open("ab") as output:
            process = subprocess.Popen(
                [NGINX, "-p", str(work), "-c", str(conf), "-e", str(log)],
                stdout=output,
                stderr=subprocess.STDOUT,
            )

        def stop():
            process.terminate()
            process.wait(timeout=20)

        self.addCleanup(stop)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self.assertIsNone(process.poll(), log.read_text())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.fail("nginx did not start")

    def nginx(self, path, host=FGW_HOST, method="GET", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response, body

    def test_nginx_answers_from_the_store_like_django(self):
        article = f"/gzdt/{self.cluster.article.slug}/"
        self.prime((FGW_HOST, article), (FGW_HOST, "/"))
        self.client.cookies[CARE_MODE_COOKIE] = "1"
        care = self.get(FGW_HOST, "/").content
        del self.client.cookies[CARE_MODE_COOKIE]
        django = self.get(FGW_HOST, article)
        self.assertEqual(django["X-Page-Cache"], "HIT")
        self.start_nginx()

        response, body = self.nginx(article)
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("X-Page-Cache"), "HIT")
        self.assertEqual(body, django.content)
        for name in SAME_HEADERS:
            self.assertEqual(response.getheader(name), django[name], name)

        revalidated, body = self.nginx(article, headers={"If-None-Match": django["ETag"]})
        self.assertEqual((revalidated.status, body), (304, b""))
        gzipped, _ = self.nginx(article, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(gzipped.getheader("Content-Encoding"), "gzip")
        _, body = self.nginx("/", headers={"Cookie": f"{CARE_MODE_COOKIE}=1"})
        self.assertEqual(body, care)

        app = b"from the application"
        session = f"{settings.SESSION_COOKIE_NAME}=abc"
        for path, method, headers in [
            (article, "GET", {"Cookie": session}),
            (article, "GET", {"Cookie": "messages=x"}),
            (article + "?page=2", "GET", {}),
            (article, "POST", {"Content-Length": "0"}),
            ("/tzgg/", "GET", {}),  # not stored yet
            (article.rstrip("/"), "GET", {}),
        ]:
            response, body = self.nginx(path, method=method, headers=headers)
            self.assertEqual(body, app, f"{method} {path} {headers}")
            self.assertIsNone(response.getheader("X-Page-Cache"))
        _, body = self.nginx(article, host="old-fgw.test")
        self.assertEqual(body, app)


def test_snippet_follows_the_settings():
    """The snippet hard-codes what nginx cannot read from Django: keep them in step."""
    from sitecluster.caching.middleware import PERSONAL_COOKIES
    from sitecluster.settings.environment import ENV

    text = SNIPPET.read_text()
    for cookie in (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES):
        assert f"if ($cookie_{cookie})" in text
    assert f'if ($cookie_{CARE_MODE_COOKIE} = "1")' in text
    max_age = ENV["SITECLUSTER_PAGE_CACHE_MAX_AGE"].default
    assert f'Cache-Control "public, max-age={max_age}, must-revalidate"' in text
