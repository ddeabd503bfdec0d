"""Every page type renders in the default theme with the statutory meta tags and footer."""

import re
from html import unescape

from django.test import TestCase

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from content_models.organisations.factories import LeaderProfilePageFactory
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster

# Latin words a Chinese public page may legitimately contain, plus the labels that the
# fixture puts into its article titles.
ALLOWED_LATIN = {"ICP", "SiteCluster", "fgw", "jyj", "gzdt", "tzgg", "portal"}


def visible_text(html: str) -> str:
    body = html.split("<body", 1)[1].split(">", 1)[1]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


class TemplateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=3)
        photo = Image.objects.create(title="照片", file=get_test_image_file())
        cls.leader = LeaderProfilePageFactory(
            parent=cls.cluster.fgw_columns["jggk/ldxx"],
            title="王某某",
            slug="wang",
            position="主任",
            photo=photo,
            responsibilities="负责全面工作。",
        )

    def get_ok(self, host, path):
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, f"{host}{path}")
        return response.content.decode()

    def pages(self):
        fgw = self.cluster.fgw
        article = self.cluster.article
        return {
            "portal home": (PORTAL_HOST, "/"),
            "member directory": (PORTAL_HOST, "/bm/"),
            "member home (own host)": (FGW_HOST, "/"),
            "member home (portal path)": (PORTAL_HOST, fgw.mount_path),
            "column": (FGW_HOST, "/gzdt/"),
            "column with subcolumns": (FGW_HOST, "/zfxxgk/"),
            "static column": (FGW_HOST, "/zfxxgk/xxgkzn/"),
            "article (own host)": (FGW_HOST, f"/gzdt/{article.slug}/"),
            "article (portal path)": (PORTAL_HOST, f"/bm/fgw/gzdt/{article.slug}/"),
            "institution functions": (FGW_HOST, "/jggk/jgzn/"),
            "leader profile": (FGW_HOST, "/jggk/ldxx/wang/"),
            "path-only member home": (PORTAL_HOST, "/bm/jyj/"),
        }

    def test_every_page_has_site_meta_tags_and_statutory_footer(self):
        for label, (host, path) in self.pages().items():
            with self.subTest(label):
                html = self.get_ok(host, path)
                self.assertIn('<meta name="SiteIDCode" content="379901000', html)
                self.assertRegex(html, r'<meta name="SiteName" content="河东区[^"]+">')
                self.assertRegex(html, r'<html lang="zh-CN"[ >]')
                for text in (
                    "网站标识码：",
                    "主办单位：",
                    "ICP备案号：鲁ICP备",
                    "公安备案号：鲁公网安备",
                ):
                    self.assertIn(text, html)
                self.assertIn('alt="党政机关"', html)

    def test_no_english_on_public_pages(self):
        for label, (host, path) in self.pages().items():
            with self.subTest(label):
                words = set(re.findall(r"[A-Za-z]{3,}", visible_text(self.get_ok(host, path))))
                self.assertEqual(words - ALLOWED_LATIN, set())

    def test_column_meta_tags(self):
        html = self.get_ok(FGW_HOST, "/tzgg/")
        self.assertIn('<meta name="ColumnName" content="通知公告">', html)
        self.assertIn('<meta name="ColumnType" content="通知公告">', html)

    def test_article_meta_tags_and_publish_time_format(self):
        article = self.cluster.article
        html = self.get_ok(FGW_HOST, f"/gzdt/{article.slug}/")
        self.assertIn(f'<meta name="ArticleTitle" content="{article.title}">', html)
        self.assertIn('<meta name="PubDate" content="2025-03-01 09:30">', html)
        self.assertIn('<meta name="ContentSource" content="河东区融媒体中心">', html)
        self.assertIn('<meta name="ColumnName" content="工作动态">', html)
        self.assertIn("发布时间：<time", html)
        self.assertIn(">2025-03-01 09:30</time>", html)
        self.assertIn("来源：河东区融媒体中心", html)

    def test_home_pages_link_error_report(self):
        for host, path in ((PORTAL_HOST, "/"), (FGW_HOST, "/")):
            self.assertIn("我为政府网站找错", self.get_ok(host, path))

    def test_portal_home_aggregates_member_sites(self):
        html = self.get_ok(PORTAL_HOST, "/")
        # Member news appear on the portal with their source site, linked on the portal path.
        self.assertIn("fgw-gzdt 第3条", html)
        self.assertIn("jyj-gzdt 第3条", html)
        self.assertIn('href="/bm/fgw/gzdt/fgw-gzdt-3/"', html)
        self.assertIn("portal-gzdt 第1条", html)

    def test_member_home_lists_its_own_columns_only(self):
        html = self.get_ok(FGW_HOST, "/")
        self.assertIn("fgw-gzdt 第1条", html)
        self.assertIn("fgw-tzgg 第1条", html)
        self.assertNotIn("jyj-gzdt", html)
        self.assertNotIn("portal-gzdt", html)

    def test_navigation_and_breadcrumbs(self):
        html = self.get_ok(FGW_HOST, f"/gzdt/{self.cluster.article.slug}/")
        self.assertIn('aria-label="栏目导航"', html)
        self.assertIn('<a href="/gzdt/" aria-current="page">工作动态</a>', html)
        self.assertIn('<li><a href="/">首页</a></li>', html)
        # The trail runs 首页 > column > the page itself (not a link).
        self.assertIn('<li><a href="/gzdt/">工作动态</a></li>', html)
        self.assertIn(f'<li aria-current="page">{self.cluster.article.title}</li>', html)
        html = self.get_ok(PORTAL_HOST, "/bm/fgw/gzdt/")
        self.assertIn('<a href="/bm/fgw/gzdt/" aria-current="page">工作动态</a>', html)
        self.assertIn("返回河东区人民政府", html)

    def test_directory_links_every_member_and_its_disclosure_platform(self):
        html = self.get_ok(PORTAL_HOST, "/bm/")
        self.assertIn('href="/bm/fgw/"', html)
        self.assertIn('href="/bm/fgw/zfxxgk/"', html)
        self.assertIn('href="/bm/jyj/zfxxgk/"', html)

    def test_column_pagination(self):
        column = self.cluster.fgw_columns["gzdt"].specific
        column.per_page = 2
        column.save_revision().publish()
        html = self.get_ok(FGW_HOST, "/gzdt/?page=2")
        self.assertIn("第 2 / 2 页，共 3 条", html)
        self.assertIn("fgw-gzdt 第1条", html)
        self.assertNotIn("fgw-gzdt 第3条", html)
        # Out-of-range and malformed page numbers fall back instead of erroring.
        self.assertIn("第 2 / 2 页", self.get_ok(FGW_HOST, "/gzdt/?page=99"))
        self.assertIn("第 1 / 2 页", self.get_ok(FGW_HOST, "/gzdt/?page=abc"))

    def test_leader_photo_is_rendered_through_wagtail_images(self):
        html = self.get_ok(FGW_HOST, "/jggk/ldxx/wang/")
        self.assertRegex(html, r'<img[^>]+src="/media/images/[^"]+\.webp"')
        self.assertIn("主任", html)

    def test_unpublished_pages_are_not_listed(self):
        self.cluster.article.unpublish()
        html = self.get_ok(FGW_HOST, "/gzdt/")
        self.assertNotIn(f'href="/gzdt/{self.cluster.article.slug}/"', html)
        response = self.client.get(f"/gzdt/{self.cluster.article.slug}/", HTTP_HOST=FGW_HOST)
        self.assertEqual(response.status_code, 404)
