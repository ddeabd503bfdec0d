"""Hostnames, aliases, portal paths and unknown hosts, as a citizen's browser sees them."""

from django.test import TestCase

from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster


class RoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=2)

    def get(self, host, path="/"):
        return self.client.get(path, HTTP_HOST=host)

    def test_portal_home_on_canonical_host(self):
        response = self.get(PORTAL_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<title>河东区人民政府</title>", html=False)

    def test_department_on_its_own_hostname(self):
        response = self.get(FGW_HOST)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "河东区发展和改革委员会")
        self.assertContains(response, '<meta name="SiteName" content="河东区发展和改革委员会">')

    def test_same_department_at_its_portal_path(self):
        response = self.get(PORTAL_HOST, "/bm/fgw/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<meta name="SiteName" content="河东区发展和改革委员会">')
        # Links stay on the host the citizen is using.
        self.assertContains(response, 'href="/bm/fgw/gzdt/"')

    def test_article_under_both_addresses(self):
        article = self.cluster.article
        on_host = self.get(FGW_HOST, f"/gzdt/{article.slug}/")
        on_path = self.get(PORTAL_HOST, f"/bm/fgw/gzdt/{article.slug}/")
        for response in (on_host, on_path):
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, article.title)

    def test_path_only_department_under_portal(self):
        response = self.get(PORTAL_HOST, "/bm/jyj/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<meta name="SiteName" content="河东区教育局">')

    def test_alias_redirects_permanently_to_canonical_host_keeping_path_and_query(self):
        response = self.get("old-fgw.test", "/gzdt/?page=2")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://fgw.test/gzdt/?page=2")

    def test_portal_alias_redirects(self):
        response = self.get("www.hedong.test", "/bm/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://hedong.test/bm/")

    def test_alias_of_path_only_site_redirects_into_portal_path(self):
        response = self.get("jyj.test", "/tzgg/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://hedong.test/bm/jyj/tzgg/")

    def test_alias_with_port_redirects_to_canonical(self):
        response = self.get("old-fgw.test:80", "/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "http://fgw.test/")

    def test_unknown_host_gets_chinese_404_page(self):
        for host in ("unknown.test", "testserver", "fgw.test.evil.example"):
            response = self.get(host)
            self.assertEqual(response.status_code, 404, host)
            self.assertContains(response, "未找到该网站", status_code=404)
            self.assertNotContains(response, "Page not found", status_code=404)

    def test_unknown_path_gets_chinese_404(self):
        response = self.get(FGW_HOST, "/no-such-column/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "页面不存在", status_code=404)

    def test_admin_login_is_in_simplified_chinese(self):
        response = self.get(PORTAL_HOST, "/admin/login/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "登录")
        self.assertContains(response, 'lang="zh-hans"')
