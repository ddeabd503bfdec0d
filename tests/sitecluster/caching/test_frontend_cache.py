"""A cache in front (CDN, Varnish) gets PURGE for the same addresses, through Wagtail's HTTP
backend, against a real local HTTP endpoint that records what it receives."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import override_settings

from wagtail.models import Page

from .support import FGW_HOST, PORTAL_HOST, PageCacheTestCase


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[tuple[str, str]]

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class FrontendCachePurgeTests(PageCacheTestCase):
    def setUp(self):
        super().setUp()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        self.server.received = []
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)
        location = f"http://127.0.0.1:{self.server.server_address[1]}"
        overrides = override_settings(
            WAGTAILFRONTENDCACHE={
                "http1": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                    "LOCATION": location,
                }
            }
        )
        overrides.enable()
        self.addCleanup(overrides.disable)

    def received(self) -> set[tuple[str, str]]:
        return set(self.server.received)

    def test_edit_purges_every_host_and_portal_path(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = Page.objects.get(pk=self.cluster.article.pk).specific
            page.title = "前端缓存清除"
            page.save_revision().publish()
        self.assertLessEqual(
            {
                (FGW_HOST, "/gzdt/fgw-gzdt-1/"),
                (PORTAL_HOST, "/bm/fgw/gzdt/fgw-gzdt-1/"),
                (FGW_HOST, "/gzdt/"),
                (PORTAL_HOST, "/bm/fgw/gzdt/"),
                (FGW_HOST, "/"),
                (PORTAL_HOST, "/bm/fgw/"),
                (PORTAL_HOST, "/"),
            },
            self.received(),
        )
        self.assertNotIn((PORTAL_HOST, "/gzdt/"), self.received())
        self.assertNotIn((FGW_HOST, "/tzgg/"), self.received())

    def test_site_change_purges_all_its_live_pages_on_both_hosts(self):
        with self.captureOnCommitCallbacks(execute=True):
            site = self.cluster.fgw
            site.theme = "red"
            site.save()
        received = self.received()
        self.assertIn((FGW_HOST, "/tzgg/fgw-tzgg-2/"), received)
        self.assertIn((PORTAL_HOST, "/bm/fgw/tzgg/fgw-tzgg-2/"), received)
        # The same pages on both hosts, and nothing of the portal's own.
        portal_paths = {path for host, path in received if host == PORTAL_HOST}
        fgw_paths = {path for host, path in received if host == FGW_HOST}
        self.assertEqual(portal_paths, {"/bm/fgw" + path for path in fgw_paths})
        self.assertNotIn((PORTAL_HOST, "/gzdt/portal-gzdt-1/"), received)
        self.assertNotIn((PORTAL_HOST, "/bm/jyj/"), received)
