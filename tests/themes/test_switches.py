"""The two cluster-wide switches: 置灰 (audited, expires by itself) and 长者模式 (any visitor)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from sitecluster.tenancy.cluster_settings import ClusterSettings
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster
from themes.care_mode import COOKIE
from themes.mourning import mourning_active, switch_mourning

from .support import make_office_user

GREY = "html.mourning { filter: grayscale(100%)"
CARE_CSS = "/static/themes/default/css/care.css"


class MourningTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)
        cls.office = make_office_user()

    def pages(self):
        return [(PORTAL_HOST, "/"), (FGW_HOST, "/gzdt/"), (PORTAL_HOST, "/bm/jyj/")]

    def assert_grey(self, grey: bool):
        for host, path in self.pages():
            html = self.client.get(path, HTTP_HOST=host).text
            with self.subTest(url=f"{host}{path}", grey=grey):
                self.assertEqual(GREY in html, grey)
                self.assertEqual('class="theme-default mourning' in html, grey)

    def test_one_action_turns_every_site_grey_and_back_with_audit(self):
        self.assert_grey(False)
        self.client.force_login(self.office)
        response = self.client.post(
            reverse("themes_admin_mourning"), {"on": "1"}, HTTP_HOST=PORTAL_HOST
        )
        self.assertRedirects(response, reverse("themes_admin_index"), fetch_redirect_response=False)
        self.client.logout()
        self.assert_grey(True)
        self.client.force_login(self.office)
        self.client.post(reverse("themes_admin_mourning"), {"on": "0"}, HTTP_HOST=PORTAL_HOST)
        self.client.logout()
        self.assert_grey(False)
        actions = list(
            ModelLogEntry.objects.filter(action__startswith="themes.mourning")
            .order_by("pk")
            .values_list("action", "user")
        )
        self.assertEqual(
            actions,
            [("themes.mourning_on", self.office.pk), ("themes.mourning_off", self.office.pk)],
        )

    def test_grey_ends_by_itself_at_the_end_time(self):
        now = timezone.now()
        switch_mourning(True, user=self.office, until=now + dt.timedelta(hours=1))
        self.assertTrue(mourning_active(now))
        self.assert_grey(True)
        self.assertFalse(mourning_active(now + dt.timedelta(hours=1, seconds=1)))
        # The end time passes without anyone touching the settings: pages are in colour.
        ClusterSettings.objects.update(mourning_until=now - dt.timedelta(seconds=1))
        ClusterSettings.load().save()  # any save (e.g. in Wagtail's settings form) drops the cache
        self.assert_grey(False)
        entry = ModelLogEntry.objects.get(action="themes.mourning_on")
        self.assertIn("开启全站置灰，结束时间：", entry.message)

    def test_an_end_time_in_the_past_is_refused(self):
        self.client.force_login(self.office)
        past = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        response = self.client.post(
            reverse("themes_admin_mourning"), {"on": "1", "until": past}, HTTP_HOST=PORTAL_HOST
        )
        self.assertRedirects(response, reverse("themes_admin_index"), fetch_redirect_response=False)
        self.assertFalse(ClusterSettings.load().mourning_enabled)
        index = self.client.get(reverse("themes_admin_index"), HTTP_HOST=PORTAL_HOST).text
        self.assertIn("结束时间必须晚于当前时间", index)

    def test_dashboard_panel_switches_it_for_the_office(self):
        self.client.force_login(self.office)
        home = self.client.get(reverse("wagtailadmin_home"), HTTP_HOST=PORTAL_HOST).text
        self.assertIn("全站置灰", home)
        self.assertIn(reverse("themes_admin_mourning"), home)
        response = self.client.post(
            reverse("themes_admin_mourning"), {"on": "1", "next": "home"}, HTTP_HOST=PORTAL_HOST
        )
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertTrue(mourning_active())

    def test_the_switch_costs_no_query_per_page_once_cached(self):
        self.client.get("/", HTTP_HOST=FGW_HOST)
        switch_mourning(True, user=self.office)
        self.client.get("/", HTTP_HOST=FGW_HOST)  # warm
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/", HTTP_HOST=FGW_HOST)
        self.assertFalse([q for q in queries if "clustersettings" in q["sql"]])


class CareModeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)

    def toggle(self, host=FGW_HOST, method="get", **data):
        return getattr(self.client, method)("/_theme/care-mode/", data, HTTP_HOST=host)

    def test_the_header_link_turns_it_on_and_back_off_without_javascript(self):
        html = self.client.get("/gzdt/", HTTP_HOST=FGW_HOST).text
        self.assertIn('href="/_theme/care-mode/?on=1&amp;next=/gzdt/"', html)
        self.assertNotIn(CARE_CSS, html)

        response = self.toggle(on="1", next="/gzdt/")
        self.assertRedirects(response, "/gzdt/", fetch_redirect_response=False)
        self.assertEqual(response.cookies[COOKIE].value, "1")
        self.assertEqual(response.cookies[COOKIE]["samesite"], "Lax")

        page = self.client.get("/gzdt/", HTTP_HOST=FGW_HOST)
        self.assertIn("care-mode", page.text.split("<head>")[0])
        self.assertIn(CARE_CSS, page.text)
        self.assertIn("退出长者模式", page.text)
        self.assertIn("Cookie", page["Vary"])

        response = self.toggle(method="post", on="0", next="/gzdt/")
        self.assertRedirects(response, "/gzdt/", fetch_redirect_response=False)
        self.assertEqual(response.cookies[COOKIE].value, "")  # deleted
        self.assertNotIn(CARE_CSS, self.client.get("/gzdt/", HTTP_HOST=FGW_HOST).text)

    def test_it_works_in_every_theme(self):
        from sitecluster.tenancy.models import ClusterSite

        self.toggle(on="1")
        for name in ("default", "red", "contrast"):
            ClusterSite.objects.update(theme=name)
            html = self.client.get("/", HTTP_HOST=FGW_HOST).text
            with self.subTest(theme=name):
                self.assertIn(f'class="theme-{name} care-mode"', html)
                self.assertIn(CARE_CSS, html)

    def test_it_only_redirects_back_to_this_host(self):
        for target, expected in [
            ("/bm/fgw/zfxxgk/?page=2", "/bm/fgw/zfxxgk/?page=2"),
            ("https://evil.example/", "/"),
            ("//evil.example/x", "/"),
            ("/\\evil.example", "/"),
            ("http://fgw.test/gzdt/", "/"),  # absolute URLs are not needed, so not allowed
            ("javascript:alert(1)", "/"),
            ("", "/"),
        ]:
            with self.subTest(next=target):
                response = self.toggle(on="1", next=target)
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], expected)

    def test_without_on_parameter_it_toggles(self):
        self.assertEqual(self.toggle().cookies[COOKIE].value, "1")
        self.assertEqual(self.toggle().cookies[COOKIE].value, "")
