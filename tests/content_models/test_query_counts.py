"""Public pages run a bounded number of SQL queries, however much content a site has."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from content_models.articles.factories import ArticlePageFactory
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster

# Ceilings measured on this code; a regression that adds queries per item fails here.
# The footer's 友情链接 (a site-scoped snippet) costs one query on every page.
MAX_QUERIES = {"portal home": 22, "column page": 17, "article page": 14}


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=3)

    def count(self, host, path):
        self.client.get(path, HTTP_HOST=host)  # warm caches that are per process, not per page
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def urls(self):
        return {
            "portal home": (PORTAL_HOST, "/"),
            "column page": (FGW_HOST, "/gzdt/"),
            "article page": (FGW_HOST, f"/gzdt/{self.cluster.article.slug}/"),
        }

    def test_queries_are_bounded(self):
        for label, (host, path) in self.urls().items():
            with self.subTest(label):
                self.assertLessEqual(self.count(host, path), MAX_QUERIES[label])

    def test_queries_do_not_grow_with_content(self):
        before = {label: self.count(*url) for label, url in self.urls().items()}
        for n in range(15):
            ArticlePageFactory(parent=self.cluster.fgw_columns["gzdt"], slug=f"more-{n}")
            ArticlePageFactory(parent=self.cluster.jyj_columns["gzdt"], slug=f"more-{n}")
            ArticlePageFactory(parent=self.cluster.portal_columns["tzgg"], slug=f"more-{n}")
        after = {label: self.count(*url) for label, url in self.urls().items()}
        self.assertEqual(before, after)
