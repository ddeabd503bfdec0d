"""ClusterSite is the only thing anyone edits: Wagtail's Site and multisite's tables follow it."""

from multisite.models import Alias

from django.contrib.sites.models import Site as DjangoSite
from django.core.exceptions import ValidationError
from django.test import TestCase

from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from sitecluster.tenancy.models import ClusterSite, SiteStatus
from sitecluster.tenancy.sync import sync_all
from tests.cluster import FGW_HOST, PORTAL_HOST, build_two_site_cluster


def routing_snapshot():
    """Every hostname the cluster answers on, and how, from all three tables."""
    wagtail = {(s.hostname, s.root_page_id, s.is_default_site) for s in WagtailSite.objects.all()}
    django = set(DjangoSite.objects.values_list("domain", flat=True))
    aliases = {(a.domain, a.site.domain, a.is_canonical) for a in Alias.objects.all()}
    return wagtail, django, aliases


class ConsistencyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)
        sync_all()

    def assert_consistent(self):
        """Wagtail Sites == ClusterSites with hostnames; multisite mirrors Wagtail exactly."""
        expected_wagtail = {
            (cs.hostname, cs.root_page_id, cs.kind == "portal")
            for cs in ClusterSite.objects.all()
            if cs.hostname and cs.status == SiteStatus.ACTIVE
        }
        wagtail, django, aliases = routing_snapshot()
        self.assertEqual(wagtail, expected_wagtail)
        self.assertEqual(django, {host for host, _, _ in wagtail})
        canonical = {(d, site, c) for d, site, c in aliases if c == 1}
        self.assertEqual(canonical, {(host, host, 1) for host in django})
        for cs in ClusterSite.objects.filter(status=SiteStatus.ACTIVE):
            target = cs.hostname or PORTAL_HOST
            for alias in cs.alias_list:
                self.assertIn((alias, target, None), aliases)
        active = ClusterSite.objects.filter(status=SiteStatus.ACTIVE)
        claimed = {a for cs in active for a in cs.alias_list}
        self.assertEqual({d for d, _, c in aliases if c != 1}, claimed)

    def test_initial_tables_are_derived(self):
        self.assert_consistent()
        self.assertEqual(WagtailSite.objects.get(is_default_site=True).hostname, PORTAL_HOST)
        self.assertEqual(self.cluster.fgw.mount_path, "/bm/fgw/")
        self.assertEqual(self.cluster.jyj.mount_path, "/bm/jyj/")
        self.assertEqual(self.cluster.portal.mount_path, "")

    def test_hostname_change_moves_every_table_and_old_host_stops_answering(self):
        site = ClusterSite.objects.get(code="fgw")
        wagtail_pk = site.wagtail_site_id
        site.hostname = "fgw.hedong.test"
        site.full_clean()
        site.save()
        self.assert_consistent()
        site.refresh_from_db()
        self.assertEqual(site.wagtail_site_id, wagtail_pk)  # same row, renamed
        self.assertEqual(self.client.get("/", HTTP_HOST="fgw.hedong.test").status_code, 200)
        self.assertEqual(self.client.get("/", HTTP_HOST=FGW_HOST).status_code, 404)
        # The alias now redirects to the new canonical hostname.
        response = self.client.get("/", HTTP_HOST="old-fgw.test")
        self.assertEqual(response["Location"], "http://fgw.hedong.test/")

    def test_alias_added_and_removed_takes_effect_at_once(self):
        site = ClusterSite.objects.get(code="fgw")
        self.assertEqual(self.client.get("/", HTTP_HOST="fgw-2019.test").status_code, 404)
        site.aliases = "old-fgw.test\nfgw-2019.test"
        site.save()
        self.assert_consistent()
        self.assertEqual(self.client.get("/", HTTP_HOST="fgw-2019.test").status_code, 301)
        # Now cached; removing it must still be seen immediately.
        site.aliases = "fgw-2019.test"
        site.save()
        self.assert_consistent()
        self.assertEqual(self.client.get("/", HTTP_HOST="old-fgw.test").status_code, 404)
        self.assertEqual(self.client.get("/", HTTP_HOST="fgw-2019.test").status_code, 301)

    def test_dropping_own_hostname_makes_site_path_only(self):
        site = ClusterSite.objects.get(code="fgw")
        site.hostname = ""
        site.save()
        self.assert_consistent()
        self.assertFalse(WagtailSite.objects.filter(hostname=FGW_HOST).exists())
        self.assertEqual(self.client.get("/", HTTP_HOST=FGW_HOST).status_code, 404)
        response = self.client.get("/gzdt/", HTTP_HOST="old-fgw.test")
        self.assertEqual(response["Location"], "http://hedong.test/bm/fgw/gzdt/")
        self.assertEqual(self.client.get("/bm/fgw/", HTTP_HOST=PORTAL_HOST).status_code, 200)

    def test_giving_a_path_only_site_a_hostname(self):
        site = ClusterSite.objects.get(code="jyj")
        site.hostname = "jyj.hedong.test"
        site.save()
        self.assert_consistent()
        self.assertEqual(self.client.get("/", HTTP_HOST="jyj.hedong.test").status_code, 200)
        self.assertEqual(
            self.client.get("/", HTTP_HOST="jyj.test")["Location"], "http://jyj.hedong.test/"
        )

    def test_archiving_removes_hostnames_but_keeps_pages(self):
        site = ClusterSite.objects.get(code="fgw")
        site.status = SiteStatus.ARCHIVED
        site.save()
        self.assert_consistent()
        self.assertEqual(self.client.get("/", HTTP_HOST=FGW_HOST).status_code, 404)
        self.assertEqual(self.client.get("/", HTTP_HOST="old-fgw.test").status_code, 404)
        self.assertTrue(Page.objects.filter(pk=site.root_page_id).exists())

    def test_deleting_a_site_removes_its_routing(self):
        site = ClusterSite.objects.get(code="fgw")
        site.delete()
        self.assert_consistent()
        self.assertFalse(Alias.objects.filter(domain="old-fgw.test").exists())
        self.assertFalse(DjangoSite.objects.filter(domain=FGW_HOST).exists())

    def test_sync_all_removes_hand_made_sites(self):
        stray = WagtailSite.objects.create(
            hostname="localhost", port=80, root_page=Page.get_first_root_node()
        )
        self.assertTrue(DjangoSite.objects.filter(domain="localhost").exists())
        sync_all()
        self.assertFalse(WagtailSite.objects.filter(pk=stray.pk).exists())
        self.assert_consistent()


class ValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=0)

    def clean_errors(self, **changes):
        site = ClusterSite.objects.get(code="jyj")
        for key, value in changes.items():
            setattr(site, key, value)
        with self.assertRaises(ValidationError) as caught:
            site.full_clean()
        return caught.exception.message_dict

    def test_hostname_of_another_site_is_refused_in_chinese(self):
        errors = self.clean_errors(hostname=FGW_HOST)
        self.assertIn("已被站点“河东区发展和改革委员会”使用", errors["hostname"][0])

    def test_alias_of_another_site_is_refused(self):
        errors = self.clean_errors(aliases="old-fgw.test")
        self.assertIn("已被站点", errors["aliases"][0])

    def test_malformed_hostnames_are_refused(self):
        for bad in ("http://jyj.test", "jyj.test:8000", "jyj", "jy j.test", "-jyj.test"):
            errors = self.clean_errors(hostname=bad)
            self.assertIn("不是有效的域名", errors["hostname"][0], bad)

    def test_alias_equal_to_own_hostname_is_refused(self):
        errors = self.clean_errors(hostname="jyj.hedong.test", aliases="JYJ.hedong.test")
        self.assertIn("不能与主域名相同", errors["aliases"][0])

    def test_hostnames_are_normalised(self):
        site = ClusterSite.objects.get(code="jyj")
        site.hostname = "  JYJ.Hedong.Test. "
        site.aliases = "A.test, b.test\n\na.test"
        site.full_clean()
        self.assertEqual(site.hostname, "jyj.hedong.test")
        self.assertEqual(site.alias_list, ["a.test", "b.test"])

    def test_member_root_must_be_inside_the_portal(self):
        outside = Page.get_first_root_node().add_child(title="外部", slug="outside")
        errors = self.clean_errors(root_page=outside)
        self.assertIn("必须位于门户网站之下", errors["root_page"][0])
