"""Serving from the page store: hits, validators, compression, and what is never stored."""

from __future__ import annotations

import gzip

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils.http import http_date

from wagtail.models import PageViewRestriction

from sitecluster.caching.middleware import CARE_MODE_COOKIE
from sitecluster.tenancy.cluster_settings import ClusterSettings
from themes.care_mode import COOKIE as THEMES_CARE_MODE_COOKIE

from .support import FGW_HOST, PORTAL_HOST, PageCacheTestCase


class StoredPageTests(PageCacheTestCase):
    def article_path(self):
        return f"/gzdt/{self.cluster.article.slug}/"

    def test_second_anonymous_view_comes_from_the_store_unchanged(self):
        first = self.get(FGW_HOST, self.article_path())
        self.assertEqual(first["X-Page-Cache"], "MISS")
        second = self.get(FGW_HOST, self.article_path())
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second["X-Page-Cache"], "HIT")
        self.assertEqual(second.content, first.content)
        self.assertContains(second, self.cluster.article.title)
        for header in ("Content-Type", "Content-Language", "X-Frame-Options", "ETag"):
            self.assertEqual(second[header], first[header], header)

    def test_public_headers_validators_and_vary(self):
        self.get(FGW_HOST, self.article_path())
        response = self.get(FGW_HOST, self.article_path())
        self.assertEqual(response["Cache-Control"], "public, max-age=60, must-revalidate")
        stored = self.store.read(FGW_HOST, self.article_path())
        self.assertEqual(response["ETag"], stored.etag)
        self.assertEqual(response["Last-Modified"], http_date(stored.mtime))
        vary = {v.strip() for v in response["Vary"].split(",")}
        self.assertLessEqual({"Cookie", "Accept-Encoding"}, vary)
        # The security headers of the outer middleware apply to stored pages too.
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_conditional_requests_get_304(self):
        etag = self.get(FGW_HOST, self.article_path())["ETag"]
        revalidated = self.get(FGW_HOST, self.article_path(), HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(revalidated.status_code, 304)
        self.assertEqual(revalidated.content, b"")
        self.assertEqual(revalidated["ETag"], etag)
        changed = self.get(FGW_HOST, self.article_path(), HTTP_IF_NONE_MATCH='"other"')
        self.assertEqual(changed.status_code, 200)
        since = self.get(FGW_HOST, self.article_path())["Last-Modified"]
        by_date = self.get(FGW_HOST, self.article_path(), HTTP_IF_MODIFIED_SINCE=since)
        self.assertEqual(by_date.status_code, 304)

    def test_gzip_from_the_precompressed_file(self):
        plain = self.get(FGW_HOST, self.article_path()).content
        response = self.get(FGW_HOST, self.article_path(), HTTP_ACCEPT_ENCODING="gzip, br")
        self.assertEqual(response["Content-Encoding"], "gzip")
        self.assertEqual(gzip.decompress(response.content), plain)
        self.assertLess(int(response["Content-Length"]), len(plain))

    def test_head_has_headers_and_no_body(self):
        self.get(FGW_HOST, self.article_path())
        response = self.client.head(self.article_path(), HTTP_HOST=FGW_HOST)
        self.assertEqual(response["X-Page-Cache"], "HIT")
        self.assertEqual(response.content, b"")

    def test_same_page_at_both_addresses_stored_separately(self):
        on_path = f"/bm/fgw{self.article_path()}"
        self.prime((FGW_HOST, self.article_path()), (PORTAL_HOST, on_path))
        self.assertIn(b'href="/bm/fgw/gzdt/"', self.get(PORTAL_HOST, on_path).content)
        self.assertNotIn(b'href="/bm/fgw/gzdt/"', self.get(FGW_HOST, self.article_path()).content)


class VariantTests(PageCacheTestCase):
    def test_care_mode_is_a_separate_variant(self):
        self.assertEqual(CARE_MODE_COOKIE, THEMES_CARE_MODE_COOKIE)
        ordinary = self.get(FGW_HOST, "/")
        self.client.cookies[CARE_MODE_COOKIE] = "1"
        care = self.get(FGW_HOST, "/")
        self.assertEqual(care["X-Page-Cache"], "MISS")
        self.assertTrue(self.stored(FGW_HOST, "/", "care"))
        self.assertNotEqual(care.content, ordinary.content)
        self.assertContains(self.get(FGW_HOST, "/"), "退出长者模式")
        del self.client.cookies[CARE_MODE_COOKIE]
        again = self.get(FGW_HOST, "/")
        self.assertEqual(again["X-Page-Cache"], "HIT")
        self.assertEqual(again.content, ordinary.content)
        self.assertNotContains(again, "退出长者模式")


class NeverStoredTests(PageCacheTestCase):
    def log_in(self, user):
        """A logged-in session cookie, as the login view leaves it."""
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        self.client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    def assert_not_stored(self, host, path, **extra):
        for _ in range(2):
            response = self.get(host, path, **extra)
            self.assertNotIn("X-Page-Cache", response)
        self.assertFalse(self.stored(host, path))
        return response

    def test_logged_in_users_bypass_the_store_and_get_private_pages(self):
        path = f"/gzdt/{self.cluster.article.slug}/"
        self.prime((FGW_HOST, path))
        # Make the stored copy recognisable: a logged-in user must never be shown it.
        stored = self.store.read(FGW_HOST, path)
        stored.html.write_bytes(b"<html>stored copy</html>")
        self.log_in(get_user_model().objects.create_user("editor-cache", password="x-C-2026!"))
        response = self.get(FGW_HOST, path)
        self.assertNotIn("X-Page-Cache", response)
        self.assertContains(response, self.cluster.article.title)
        cache_control = response["Cache-Control"]
        for word in ("private", "no-store", "no-cache"):
            self.assertIn(word, cache_control)

    def test_forms_with_csrf_tokens_are_not_stored(self):
        for path in ("/hdjl/ldyx/", "/zfxxgk/ysqgk/"):  # 领导信箱, 依申请公开
            response = self.assert_not_stored(FGW_HOST, path)
            self.assertIn("private", response["Cache-Control"])  # nor kept by a CDN

    def test_query_strings_are_not_stored_nor_served_from_the_store(self):
        self.prime((FGW_HOST, "/gzdt/"))
        response = self.get(FGW_HOST, "/gzdt/?page=1")
        self.assertNotIn("X-Page-Cache", response)

    def test_alias_redirects_and_unknown_hosts_are_not_stored(self):
        self.assertEqual(self.get("old-fgw.test", "/gzdt/").status_code, 301)
        self.assertFalse(self.stored("old-fgw.test", "/gzdt/"))
        self.assertEqual(self.get("nobody.test", "/").status_code, 404)
        self.assertFalse(self.stored("nobody.test", "/"))

    def test_pages_with_view_restrictions_are_not_stored(self):
        column = self.cluster.fgw_columns["tzgg"]
        PageViewRestriction.objects.create(page=column, restriction_type="login")
        self.get(FGW_HOST, "/tzgg/")
        self.assertFalse(self.stored(FGW_HOST, "/tzgg/"))

    def test_theme_preview_is_never_stored(self):
        response = self.get(FGW_HOST, "/?theme_preview=anything")
        self.assertNotIn("X-Page-Cache", response)
        self.assertFalse(self.stored(FGW_HOST, "/"))

    def test_timed_mourning_is_rendered_live(self):
        from django.utils import timezone

        switches = ClusterSettings.load()
        switches.mourning_enabled = True
        switches.mourning_until = timezone.now() + timezone.timedelta(hours=2)
        switches.save()
        self.assert_not_stored(FGW_HOST, "/")

    def test_disabled_store_is_neither_read_nor_written(self):
        from django.test import override_settings

        self.prime((FGW_HOST, "/"))
        with override_settings(
            SITECLUSTER_PAGE_CACHE={"ENABLED": False, "DIR": self.store.root, "MAX_AGE": 60}
        ):
            self.assertNotIn("X-Page-Cache", self.get(FGW_HOST, "/"))
