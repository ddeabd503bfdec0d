"""The demo loader on a small slice: the whole cluster, real dates, an idempotent rerun."""

import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.test import TestCase

from wagtail.images.models import Image
from wagtail.models import Page, Revision
from wagtail.models import Site as WagtailSite

from content_models.articles.models import ArticlePage
from content_models.columns.models import ColumnPage
from content_models.organisations.validators import uscc_problem
from sitecluster.demo.cluster import ALL_SITES, DEPARTMENTS, STREETS
from sitecluster.tenancy.models import ClusterSite, SiteKind

SLICE = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
STATUTORY_DISCLOSURE = (
    "政府信息公开指南",
    "政府信息公开制度",
    "法定主动公开内容",
    "政府信息公开年报",
)
STANDARD_COLUMNS = {"jggk", "gzdt", "tzgg", "zcwj", "zcjd", "zfxxgk", "bsfw", "hdjl"}


def fingerprint():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "sites": ClusterSite.objects.count(),
        "wagtail_sites": WagtailSite.objects.count(),
        "last_revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "site_rows": list(ClusterSite.objects.order_by("pk").values()),
    }


class DemoLoaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = io.StringIO()
        call_command(
            "load_demo_cluster", data_dir=SLICE, news=40, policies=12, domain="demo.test",
            stdout=cls.output,
        )  # fmt: skip

    def test_cluster_shape(self):
        self.assertGreaterEqual(len(DEPARTMENTS), 12)
        self.assertGreaterEqual(len(STREETS), 8)
        self.assertEqual(ClusterSite.objects.count(), len(ALL_SITES))
        self.assertEqual(ClusterSite.objects.filter(kind=SiteKind.PORTAL).count(), 1)
        for site in ClusterSite.objects.select_related("organisation", "root_page"):
            with self.subTest(site.code):
                slugs = set(site.root_page.get_children().values_list("slug", flat=True))
                self.assertLessEqual(STANDARD_COLUMNS, slugs)
                self.assertIsNone(uscc_problem(site.organisation.credit_code))
                self.assertRegex(site.site_id_code, r"^\d{10}$")
                for field in ("sponsor", "icp_number", "police_number", "contact_phone"):
                    self.assertTrue(getattr(site, field), field)
                self.assertIsNotNone(site.banner_image_id)
                # Provisioned from its blueprint: groups, workflow, own media collection.
                self.assertEqual(site.blueprint, site.kind)
                self.assertEqual(site.site_groups.count(), 3)
                self.assertIsNotNone(site.workflow_id)
                self.assertEqual(site.banner_image.collection_id, site.collection_id)
                disclosure = site.root_page.get_children().get(slug="zfxxgk")
                # The four statutory entries, in this order (国办公开办函〔2019〕61号).
                self.assertEqual(
                    [
                        title
                        for title in disclosure.get_children().values_list("title", flat=True)
                        if title in STATUTORY_DISCLOSURE
                    ],
                    list(STATUTORY_DISCLOSURE),
                )

    def test_banners_are_distinct_images(self):
        digests = set()
        for site in ClusterSite.objects.select_related("banner_image"):
            with site.banner_image.open_file() as handle:
                digests.add(hashlib.sha256(handle.read()).hexdigest())
            self.assertEqual((site.banner_image.width, site.banner_image.height), (1600, 200))
        self.assertEqual(len(digests), ClusterSite.objects.count())

    def test_items_keep_their_real_dates_and_are_spread_over_sites(self):
        self.assertEqual(ArticlePage.objects.filter(import_key__startswith="xwlb:").count(), 40)
        self.assertEqual(ArticlePage.objects.filter(import_key__startswith="ncp:").count(), 12)
        row = json.loads((SLICE / "news-xwlb-sample-2000.jsonl").open().readline())
        page = ArticlePage.objects.get(import_key=f"xwlb:{row['id']}")
        expected = dt.datetime.fromisoformat(row["date"]).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        self.assertEqual(page.publish_at, expected)
        self.assertEqual(page.first_published_at, expected)
        self.assertTrue(page.live)
        self.assertEqual(page.title, row["title"])
        parents = {ColumnPage.objects.parent_of(a).first().pk for a in ArticlePage.objects.all()}
        self.assertGreater(len(parents), 10)
        policy_columns = {
            ColumnPage.objects.parent_of(a).first().column_type
            for a in ArticlePage.objects.filter(import_key__startswith="ncp:")
        }
        self.assertEqual(policy_columns, {"policy"})

    def test_routing_for_the_demo_hosts(self):
        self.assertEqual(self.client.get("/", HTTP_HOST="hedong.demo.test").status_code, 200)
        self.assertEqual(self.client.get("/", HTTP_HOST="fgw.demo.test").status_code, 200)
        self.assertEqual(self.client.get("/bm/fgw/", HTTP_HOST="hedong.demo.test").status_code, 200)
        response = self.client.get("/", HTTP_HOST="hdfgw.demo.test")
        self.assertEqual(response["Location"], "http://fgw.demo.test/")

    def test_progress_is_reported(self):
        text = self.output.getvalue()
        self.assertIn(f"[ 1/{len(ALL_SITES)}] 河东区人民政府", text)
        self.assertIn("完成：站点", text)

    def test_sharing_examples(self):
        """站点共享: one accepted, one declined and one pending 报送; a 分发 to departments."""
        from content_models.sharing.models import Distribution, ReferencePage, ShareOffer

        statuses = sorted(ShareOffer.objects.values_list("status", flat=True))
        self.assertEqual(statuses, ["accepted", "declined", "pending"])
        distribution = Distribution.objects.get()
        self.assertEqual(distribution.references.count(), len(DEPARTMENTS))
        self.assertEqual(ReferencePage.objects.count(), len(DEPARTMENTS) + 1)
        self.assertIn("站点共享：新增报送 3 条", self.output.getvalue())

    def test_second_run_changes_nothing(self):
        before = fingerprint()
        call_command(
            "load_demo_cluster", data_dir=SLICE, news=40, policies=12, domain="demo.test",
            stdout=io.StringIO(),
        )  # fmt: skip
        after = fingerprint()
        self.assertEqual(before, after)

    def test_missing_data_is_a_clear_error(self):
        with self.assertRaises(CommandError) as caught:
            call_command("load_demo_cluster", data_dir=SLICE / "nowhere", stdout=io.StringIO())
        self.assertIn("未找到演示数据文件", str(caught.exception))
