"""Every shipped theme's pages carry the statutory meta tags, footer and links."""

from __future__ import annotations

from django.core.cache import cache
from django.test import TestCase

from sitecluster.tenancy.models import ClusterSite
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster
from themes.registry import registry

SITE_META = ('<meta name="SiteName" content="', '<meta name="SiteIDCode" content="379901000')
COLUMN_META = ('<meta name="ColumnName" content="', '<meta name="ColumnType" content="')
FOOTER = (
    "网站标识码：379901000",
    "主办单位：",
    "ICP备案号：鲁ICP备",
    "公安备案号：鲁公网安备",
    'alt="党政机关"',
    "我为政府网站找错",
)
HEADER = ('role="search" action="/search/"', 'name="q"', "长者模式</a>")


class StatutoryPartialsInEveryThemeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)

    def pages(self):
        article = self.cluster.article
        return {
            "portal home": (PORTAL_HOST, "/", ()),
            "member directory": (PORTAL_HOST, "/bm/", COLUMN_META),
            "member home": (FGW_HOST, "/", ()),
            "path-only member home": (PORTAL_HOST, "/bm/jyj/", ()),
            "column": (FGW_HOST, "/tzgg/", COLUMN_META),
            "static column": (FGW_HOST, "/zfxxgk/xxgkzn/", COLUMN_META),
            "article": (FGW_HOST, f"/gzdt/{article.slug}/", COLUMN_META),
            "institution functions": (FGW_HOST, "/jggk/jgzn/", COLUMN_META),
        }

    def test_every_shipped_theme_keeps_the_statutory_partials(self):
        themes = [theme.name for theme in registry.all()]
        self.assertGreaterEqual(len(themes), 3)
        for name in themes:
            ClusterSite.objects.update(theme=name, theme_variables={})
            cache.clear()
            for label, (host, path, extra) in self.pages().items():
                with self.subTest(theme=name, page=label):
                    response = self.client.get(path, HTTP_HOST=host)
                    self.assertEqual(response.status_code, 200)
                    html = response.content.decode()
                    self.assertIn(f'class="theme-{name}', html)
                    for text in (*SITE_META, *extra, *FOOTER, *HEADER):
                        self.assertIn(text, html)

    def test_article_meta_cannot_be_dropped_by_a_page_template(self):
        """The base skeleton adds ArticleTitle/PubDate/ContentSource when a template lacks them."""
        from django.template import Context, Template

        article = self.cluster.article.specific
        template = Template("{% load theme %}{% article_meta page site %}{% end_article_meta %}")
        html = template.render(Context({"page": article, "site": self.cluster.fgw}))
        self.assertIn(f'<meta name="ArticleTitle" content="{article.title}">', html)
        self.assertIn('<meta name="PubDate" content="2025-03-01 09:30">', html)
        self.assertIn('<meta name="ContentSource" content="河东区融媒体中心">', html)
        # A template's own values win and are not duplicated.
        template = Template(
            "{% load theme %}{% article_meta page site %}"
            '<meta name="ContentSource" content="河东区发改委">{% end_article_meta %}'
        )
        html = template.render(Context({"page": article, "site": self.cluster.fgw}))
        self.assertEqual(html.count('name="ContentSource"'), 1)
        self.assertIn('content="河东区发改委"', html)
        self.assertIn('name="ArticleTitle"', html)
