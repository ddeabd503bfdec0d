"""A page store of its own (in a temporary folder) for each test, over the two-site cluster."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.test import TestCase, override_settings

from sitecluster.caching.config import page_store
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster

__all__ = ["FGW_HOST", "PORTAL_HOST", "PageCacheTestCase"]


class PageCacheTestCase(TestCase):
    articles_per_column = 2

    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=cls.articles_per_column)

    def setUp(self):
        folder = Path(tempfile.mkdtemp(prefix="sitecluster-pagecache-test-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        overrides = override_settings(
            SITECLUSTER_PAGE_CACHE={"ENABLED": True, "DIR": folder, "MAX_AGE": 60}
        )
        overrides.enable()
        self.addCleanup(overrides.disable)
        self.store = page_store()

    def get(self, host: str, path: str = "/", **extra):
        return self.client.get(path, HTTP_HOST=host, **extra)

    def stored(self, host: str, path: str, variant: str = "index") -> bool:
        return self.store.read(host, path, variant) is not None

    def prime(self, *addresses: tuple[str, str]) -> None:
        """Visit each (host, path) anonymously so that it is in the store."""
        for host, path in addresses:
            response = self.get(host, path)
            self.assertEqual(response.status_code, 200, f"{host}{path}")
            self.assertTrue(self.stored(host, path), f"{host}{path} was not stored")
