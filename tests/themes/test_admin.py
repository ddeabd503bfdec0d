"""主题管理: information office only; per-site theme form, preview, bulk switch, audited."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.test import TestCase
from django.urls import reverse

from wagtail.models import ModelLogEntry

from sitecluster.tenancy.models import ClusterSite
from tests.cluster import build_two_site_cluster
from themes.resolution import PREVIEW_PARAM

from .support import make_office_user, make_site_admin

ADMIN_HOST = "hedong.test"


class ThemeAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)
        cls.office = make_office_user()
        cls.site_admin = make_site_admin(cls.cluster.fgw)

    def setUp(self):
        self.client.defaults["HTTP_HOST"] = ADMIN_HOST

    def urls(self):
        fgw = self.cluster.fgw
        return [
            ("get", reverse("themes_admin_index"), {}),
            ("get", reverse("themes_admin_site", args=[fgw.pk]), {}),
            ("post", reverse("themes_admin_site", args=[fgw.pk]), {"theme": "red"}),
            ("get", reverse("themes_admin_preview"), {"site": fgw.pk, "theme": "red"}),
            ("get", reverse("themes_admin_bulk_switch"), {}),
            (
                "post",
                reverse("themes_admin_bulk_switch"),
                {"sites": [fgw.pk], "theme": "red", "confirm": "True"},
            ),
            ("post", reverse("themes_admin_mourning"), {"on": "1"}),
        ]

    def test_site_admins_and_anonymous_visitors_are_refused(self):
        self.client.force_login(self.site_admin)
        for method, url, data in self.urls():
            with self.subTest(method=method, url=url):
                response = getattr(self.client, method)(url, data)
                # Wagtail turns PermissionDenied into its "no permission" redirect.
                self.assertRedirects(
                    response, reverse("wagtailadmin_home"), fetch_redirect_response=False
                )
                ajax = getattr(self.client, method)(
                    url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
                )
                self.assertEqual(ajax.status_code, 403)
        self.client.logout()
        for method, url, data in self.urls():
            with self.subTest(anonymous=url):
                response = getattr(self.client, method)(url, data)
                self.assertEqual(response.status_code, 302)
                # to the admin's sign-in: single sign-on (WAGTAILADMIN_LOGIN_URL, docs/sso.md)
                self.assertIn("/oidc/authenticate/", response["Location"])
        fgw = ClusterSite.objects.get(pk=self.cluster.fgw.pk)
        self.assertEqual(fgw.theme, "default")
        self.assertFalse(ModelLogEntry.objects.filter(action__startswith="themes.").exists())

    def test_the_menu_item_is_shown_to_the_information_office_only(self):
        self.client.force_login(self.site_admin)
        self.assertNotIn("主题管理", self.client.get(reverse("wagtailadmin_home")).text)
        self.client.force_login(self.office)
        self.assertIn("主题管理", self.client.get(reverse("wagtailadmin_home")).text)

    def test_index_lists_themes_with_previews_and_sites(self):
        self.client.force_login(self.office)
        html = self.client.get(reverse("themes_admin_index")).text
        for title in ("政务蓝", "党建红", "高对比度"):
            self.assertIn(title, html)
        for preview in ("default", "red", "contrast"):
            self.assertIn(f"/static/themes/{preview}/preview.svg", html)
        self.assertIn("河东区发展和改革委员会", html)
        self.assertIn("开启置灰", html)

    def test_site_theme_form_validates_and_saves_with_an_audit_entry(self):
        self.client.force_login(self.office)
        url = reverse("themes_admin_site", args=[self.cluster.fgw.pk])
        html = self.client.get(url, {"theme": "red"}).text
        self.assertIn("页头标语", html)  # the red theme's own variable
        response = self.client.post(
            url, {"theme": "red", "var_brand": "#ffee00", "var_header_style": "fancy"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("对比度只有", response.text)
        self.assertIn("选择一个有效的选项", response.text)
        self.assertEqual(ClusterSite.objects.get(pk=self.cluster.fgw.pk).theme, "default")

        response = self.client.post(
            url, {"theme": "red", "var_brand": "#7A0000", "var_slogan": "为民服务"}
        )
        self.assertRedirects(response, reverse("themes_admin_index"))
        fgw = ClusterSite.objects.get(pk=self.cluster.fgw.pk)
        self.assertEqual(fgw.theme, "red")
        self.assertEqual(fgw.theme_variables, {"brand": "#7a0000", "slogan": "为民服务"})
        entry = ModelLogEntry.objects.get(action="themes.switch")
        self.assertEqual(entry.user, self.office)
        self.assertEqual(entry.object_id, str(fgw.pk))
        self.assertEqual((entry.data["from"], entry.data["to"]), ("default", "red"))
        self.assertIn("主题由“政务蓝”切换为“党建红”", entry.message)

    def test_preview_shows_the_site_in_another_theme_through_a_signed_link(self):
        self.client.force_login(self.office)
        response = self.client.get(
            reverse("themes_admin_preview"),
            {"site": self.cluster.fgw.pk, "theme": "contrast", "page": "article"},
        )
        self.assertEqual(response.status_code, 200)
        frame_url = response.context["frame_url"]
        parts = urlsplit(frame_url)
        # Relative to the admin's host (the portal) when the page is reachable there.
        self.assertEqual(parts.netloc, "")
        self.assertRegex(parts.path, r"^/bm/fgw/(gzdt|tzgg)/fgw-")  # the latest article
        self.assertIn(f'<iframe class="themes-admin__preview" src="{frame_url}', response.text)
        # The public page honours the link (even without an admin session on that host) ...
        self.client.logout()
        token = parse_qs(parts.query)[PREVIEW_PARAM][0]
        page = self.client.get(parts.path, {PREVIEW_PARAM: token}, HTTP_HOST=ADMIN_HOST)
        self.assertIn('class="theme-contrast', page.text)
        self.assertIn('<article class="article">', page.text)
        # ... and the site itself is not switched.
        self.assertEqual(ClusterSite.objects.get(pk=self.cluster.fgw.pk).theme, "default")

    def test_bulk_switch_asks_for_confirmation_then_switches_and_audits_each_site(self):
        self.client.force_login(self.office)
        url = reverse("themes_admin_bulk_switch")
        fgw, jyj, portal = self.cluster.fgw, self.cluster.jyj, self.cluster.portal
        ClusterSite.objects.filter(pk=fgw.pk).update(theme_variables={"brand": "#003366"})
        response = self.client.post(url, {"sites": [fgw.pk, jyj.pk], "theme": "red"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("确认切换", response.text)
        self.assertIn("清除 1 项", response.text)
        self.assertEqual(ClusterSite.objects.filter(theme="red").count(), 0)  # not yet

        response = self.client.post(
            url, {"sites": [fgw.pk, jyj.pk], "theme": "red", "confirm": "True"}
        )
        self.assertRedirects(response, reverse("themes_admin_index"))
        themes = dict(ClusterSite.objects.values_list("code", "theme"))
        self.assertEqual(themes, {"hedong": "default", "fgw": "red", "jyj": "red"})
        self.assertEqual(ClusterSite.objects.get(pk=fgw.pk).theme_variables, {})
        entries = ModelLogEntry.objects.filter(action="themes.switch")
        self.assertEqual(sorted(int(e.object_id) for e in entries), sorted([fgw.pk, jyj.pk]))
        self.assertTrue(all(e.data["bulk"] and e.user == self.office for e in entries))
        self.assertNotIn(str(portal.pk), [e.object_id for e in entries])

    def test_bulk_switch_can_keep_variables_that_the_new_theme_accepts(self):
        self.client.force_login(self.office)
        fgw = self.cluster.fgw
        ClusterSite.objects.filter(pk=fgw.pk).update(
            theme_variables={"brand": "#003366", "header_style": "compact"}
        )
        self.client.post(
            reverse("themes_admin_bulk_switch"),
            {"sites": [fgw.pk], "theme": "contrast", "keep_variables": "on", "confirm": "True"},
        )
        fgw.refresh_from_db()
        self.assertEqual(fgw.theme, "contrast")
        self.assertEqual(fgw.theme_variables, {"brand": "#003366", "header_style": "compact"})

    def test_bulk_switch_requires_a_site(self):
        self.client.force_login(self.office)
        response = self.client.post(reverse("themes_admin_bulk_switch"), {"theme": "red"})
        self.assertIn("请至少选择一个站点", response.text)
