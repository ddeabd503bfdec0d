"""Templates resolve site theme → its extends chain → the base theme, per request."""

from __future__ import annotations

from django.core.cache import cache
from django.test import RequestFactory, TestCase

from sitecluster.tenancy.models import ClusterSite
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster
from themes.resolution import (
    PREVIEW_PARAM,
    RenderState,
    make_preview_token,
    read_preview_token,
)

from .support import extra_theme_dir, write_theme

RED_MARK = 'class="container red-masthead"'
CONTRAST_MARK = "contrast-header"
DEFAULT_MARK = '<div class="container site-header__inner">'


def set_theme(site, name, variables=None):
    ClusterSite.objects.filter(pk=site.pk).update(theme=name, theme_variables=variables or {})
    cache.clear()


class ResolutionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=2)
        set_theme(cls.cluster.fgw, "red")
        set_theme(cls.cluster.jyj, "contrast")

    def html(self, host, path, **params):
        response = self.client.get(path, params, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200, f"{host}{path}")
        return response.content.decode()

    def assert_theme(self, html, name):
        marks = {"default": DEFAULT_MARK, "red": RED_MARK, "contrast": CONTRAST_MARK}
        self.assertIn(f'class="theme-{name}', html)
        self.assertIn(marks[name], html)
        for other, mark in marks.items():
            if other != name:
                self.assertNotIn(mark, html, f"{name} page carries {other}'s header")
        if name != "default":
            self.assertIn(f'href="/static/themes/{name}/css/theme.css"', html)
        self.assertIn('href="/static/themes/default/css/site.css"', html)

    def test_sites_with_different_themes_alternate_in_one_process(self):
        article = self.cluster.article
        pages = [
            ("default", PORTAL_HOST, "/"),
            ("red", FGW_HOST, "/"),
            ("contrast", PORTAL_HOST, "/bm/jyj/"),
            ("red", FGW_HOST, f"/gzdt/{article.slug}/"),
            ("default", PORTAL_HOST, "/gzdt/"),
            ("red", PORTAL_HOST, "/bm/fgw/gzdt/"),  # fgw at its portal path: still red
            ("contrast", PORTAL_HOST, "/bm/jyj/gzdt/"),
        ]
        for _round in range(3):  # cached templates must never cross over
            for name, host, path in pages:
                with self.subTest(theme=name, url=f"{host}{path}"):
                    self.assert_theme(self.html(host, path), name)

    def test_resolution_order_site_theme_then_extends_chain_then_default(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            write_theme(
                Path(tmp),
                "child",
                'title = "子主题"\nextends = "red"\n',
                {
                    "templates/home/member_site_home_page.html": """\
                        {% extends "base.html" %}
                        {% block content %}<p id="child-home">子主题首页</p>{% endblock %}
                    """,
                },
            )
            with extra_theme_dir(Path(tmp)):
                set_theme(self.cluster.fgw, "child")
                html = self.html(FGW_HOST, "/")
                self.assertIn('<p id="child-home">子主题首页</p>', html)  # child's own
                self.assertIn(RED_MARK, html)  # inherited from red
                self.assertIn("网站标识码：3799010002", html)  # base theme's footer
                self.assertIn('href="/static/themes/red/css/theme.css"', html)
                # A column page has no template in child or red: the base theme's.
                html = self.html(FGW_HOST, "/gzdt/")
                self.assertIn('class="column-layout"', html)
                self.assertIn(RED_MARK, html)
                self.assertNotIn("child-home", html)
                # Another site in the same process still gets its own theme.
                self.assert_theme(self.html(PORTAL_HOST, "/bm/jyj/"), "contrast")
        set_theme(self.cluster.fgw, "red")

    def test_an_unknown_theme_falls_back_to_the_base_theme(self):
        set_theme(self.cluster.fgw, "gone")
        with self.assertLogs("sitecluster.themes", "WARNING"):
            self.assert_theme(self.html(FGW_HOST, "/"), "default")
        set_theme(self.cluster.fgw, "red")

    def test_requests_without_a_page_resolve_from_host_and_path(self):
        factory = RequestFactory()
        for host, path, code in [
            (FGW_HOST, "/search/", "fgw"),
            (PORTAL_HOST, "/search/", "hedong"),
            (PORTAL_HOST, "/bm/jyj/gzdt/", "jyj"),  # e.g. an admin preview of a jyj page
            (PORTAL_HOST, "/bm/fgw/", "fgw"),
        ]:
            with self.subTest(f"{host}{path}"):
                state = RenderState(request=factory.get(path, HTTP_HOST=host))
                theme, site = state.resolve()
                self.assertEqual(site.code, code)
                self.assertEqual(theme.name, site.theme)

    def test_wagtail_page_previews_render_in_the_page_sites_theme(self):
        """Editors' previews go through no page routing; the page's path still decides."""
        jyj_article = self.cluster.jyj_columns["gzdt"].get_children().first().specific
        response = jyj_article.make_preview_request()  # a dummy request on the portal host
        self.assert_theme(response.content.decode(), "contrast")
        fgw_column = self.cluster.fgw_columns["gzdt"].specific
        self.assert_theme(fgw_column.make_preview_request().content.decode(), "red")

    def test_a_signed_preview_token_shows_another_theme(self):
        token = make_preview_token("contrast", self.cluster.fgw.pk)
        self.assertEqual(read_preview_token(token), "contrast")
        response = self.client.get("/", {PREVIEW_PARAM: token}, HTTP_HOST=FGW_HOST)
        self.assert_theme(response.content.decode(), "contrast")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertNotIn("X-Frame-Options", response)  # shown inside the admin's iframe
        self.assertIn('<meta name="robots" content="noindex, nofollow">', response.text)
        # The site itself is unchanged, and the next visitor sees it as before.
        self.assert_theme(self.html(FGW_HOST, "/"), "red")

    def test_forged_or_plain_preview_parameters_are_ignored(self):
        token = make_preview_token("contrast")
        forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
        for value in (forged, "contrast", "", "x" * 600):
            with self.subTest(value=value[:20]):
                response = self.client.get("/", {PREVIEW_PARAM: value}, HTTP_HOST=FGW_HOST)
                self.assert_theme(response.content.decode(), "red")
                self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
