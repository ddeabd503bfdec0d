"""Purge precision: after each change exactly the affected pages leave the store, on the
department's own hostname and under the portal path, and nothing else does."""

from __future__ import annotations

from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.models import Page, PageViewRestriction

from content_models.articles.factories import ArticlePageFactory
from content_models.core import dependents
from content_models.links.models import FriendlyLink
from sitecluster.tenancy.cluster_settings import ClusterSettings

from .support import FGW_HOST, PORTAL_HOST, PageCacheTestCase

F, P = FGW_HOST, PORTAL_HOST
FGW_PAGES = [
    "/",
    "/gzdt/",
    "/gzdt/fgw-gzdt-1/",
    "/gzdt/fgw-gzdt-2/",
    "/tzgg/",
    "/tzgg/fgw-tzgg-1/",
    "/jggk/",  # 机构概况, with the sub-column 领导信息
    "/jggk/ldxx/",
]
WORLD = (
    [(F, path) for path in FGW_PAGES]
    + [(P, "/bm/fgw" + path) for path in FGW_PAGES]
    + [
        (P, "/"),
        (P, "/gzdt/"),
        (P, "/gzdt/portal-gzdt-1/"),
        (P, "/bm/"),
        (P, "/bm/jyj/"),
        (P, "/bm/jyj/gzdt/"),
        (P, "/bm/jyj/gzdt/jyj-gzdt-1/"),
    ]
)
FGW_SITE = {(F, path) for path in FGW_PAGES} | {(P, "/bm/fgw" + path) for path in FGW_PAGES}
# A new or changed article in fgw's 工作动态: its column and its sites' home pages.
GZDT_LISTS = {(F, "/"), (F, "/gzdt/"), (P, "/"), (P, "/bm/fgw/"), (P, "/bm/fgw/gzdt/")}
ARTICLE_1 = {(F, "/gzdt/fgw-gzdt-1/"), (P, "/bm/fgw/gzdt/fgw-gzdt-1/")}


class PurgePrecisionTests(PageCacheTestCase):
    def purged_by(self, change) -> set[tuple[str, str]]:
        self.prime(*WORLD)
        with self.captureOnCommitCallbacks(execute=True):
            change()
        return {address for address in WORLD if not self.stored(*address)}

    def article(self):
        return Page.objects.get(pk=self.cluster.article.pk).specific

    def test_new_article_purges_its_column_and_home_pages_only(self):
        column = self.cluster.fgw_columns["gzdt"]

        def publish_new():
            page = ArticlePageFactory(parent=column, title="新发布的通知", slug="new", live=False)
            page.save_revision().publish()

        self.assertEqual(self.purged_by(publish_new), GZDT_LISTS)
        # The new page is then stored at both of its addresses like any other.
        self.prime((F, "/gzdt/new/"), (P, "/bm/fgw/gzdt/new/"))

    def test_new_item_in_a_sub_column_purges_every_column_up_to_the_home(self):
        sub_column = Page.objects.get(url_path=self.cluster.fgw.root_page.url_path + "jggk/ldxx/")

        def publish_new():
            page = ArticlePageFactory(
                parent=sub_column, title="领导分工调整", slug="fg", live=False
            )
            page.save_revision().publish()

        lists = {"/", "/bm/fgw/", "/bm/fgw/jggk/", "/bm/fgw/jggk/ldxx/"}
        self.assertEqual(
            self.purged_by(publish_new),
            {(F, "/"), (F, "/jggk/"), (F, "/jggk/ldxx/")} | {(P, path) for path in lists},
        )

    def test_edit_purges_the_page_at_both_addresses(self):
        def edit():
            page = self.article()
            page.title = "修改后的标题"
            page.save_revision().publish()

        self.assertEqual(self.purged_by(edit), GZDT_LISTS | ARTICLE_1)
        self.assertContains(self.get(P, "/bm/fgw/gzdt/fgw-gzdt-1/"), "修改后的标题")
        self.assertContains(self.get(F, "/gzdt/"), "修改后的标题")

    def test_unpublish(self):
        self.assertEqual(self.purged_by(lambda: self.article().unpublish()), GZDT_LISTS | ARTICLE_1)
        self.assertEqual(self.get(F, "/gzdt/fgw-gzdt-1/").status_code, 404)

    def test_slug_change_purges_the_old_address(self):
        def rename():
            page = self.article()
            page.slug = "renamed"
            page.save_revision().publish()

        self.assertEqual(self.purged_by(rename), GZDT_LISTS | ARTICLE_1)
        self.assertNotEqual(self.get(F, "/gzdt/fgw-gzdt-1/").status_code, 200)
        self.assertEqual(self.get(F, "/gzdt/renamed/").status_code, 200)

    def test_move_purges_old_and_new_places(self):
        target = self.cluster.fgw_columns["tzgg"]
        moved = self.purged_by(lambda: self.article().move(target, pos="last-child"))
        self.assertEqual(moved, GZDT_LISTS | ARTICLE_1 | {(F, "/tzgg/"), (P, "/bm/fgw/tzgg/")})
        self.assertContains(self.get(F, "/tzgg/"), self.cluster.article.title)

    def test_delete(self):
        self.assertEqual(self.purged_by(lambda: self.article().delete()), GZDT_LISTS | ARTICLE_1)

    def test_privacy_change(self):
        def restrict():
            PageViewRestriction.objects.create(page=self.article(), restriction_type="login")

        self.assertEqual(self.purged_by(restrict), GZDT_LISTS | ARTICLE_1)
        self.get(F, "/gzdt/fgw-gzdt-1/")
        self.assertFalse(self.stored(F, "/gzdt/fgw-gzdt-1/"))

    def test_renaming_a_navigation_column_purges_its_whole_site(self):
        def rename_column():
            column = Page.objects.get(pk=self.cluster.fgw_columns["gzdt"].pk).specific
            column.title = "部门动态"
            column.save_revision().publish()

        self.assertEqual(self.purged_by(rename_column), FGW_SITE | {(P, "/")})
        self.assertContains(self.get(F, "/tzgg/fgw-tzgg-1/"), "部门动态")

    def test_site_theme_change_purges_that_site_on_every_host(self):
        def retheme():
            site = self.cluster.fgw
            site.theme = "red"
            site.save()

        self.assertEqual(self.purged_by(retheme), FGW_SITE)

    def test_portal_theme_change_leaves_member_sites_alone(self):
        def retheme():
            site = self.cluster.portal
            site.theme = "red"
            site.save()

        purged = self.purged_by(retheme)
        self.assertEqual(
            purged,
            {a for a in WORLD if a[0] == P and not a[1].startswith(("/bm/fgw/", "/bm/jyj/"))},
        )

    def test_mourning_purges_everything(self):
        def mourn():
            switches = ClusterSettings.load()
            switches.mourning_enabled = True
            switches.save()

        self.assertEqual(self.purged_by(mourn), set(WORLD))
        self.assertEqual(self.store.count(), 0)

    def test_pages_showing_the_content_elsewhere_are_purged(self):
        portal_column = self.cluster.portal_columns["gzdt"]
        article_pk = self.cluster.article.pk

        def provider(page):
            return [portal_column] if page.pk == article_pk else []

        dependents.register_dependents(provider)
        self.addCleanup(dependents._providers.remove, provider)

        def edit():
            page = self.article()
            page.title = "被引用的文章"
            page.save_revision().publish()

        self.assertEqual(self.purged_by(edit), GZDT_LISTS | ARTICLE_1 | {(P, "/gzdt/")})

    def test_friendly_links_and_organisation_purge_their_site(self):
        def add_link():
            FriendlyLink.objects.create(
                collection=self.cluster.fgw.collection,
                title="山东省人民政府",
                url="https://www.shandong.gov.cn/",
            )

        self.assertEqual(self.purged_by(add_link), FGW_SITE)
        self.assertContains(self.get(F, "/gzdt/"), "山东省人民政府")

        def rename_organisation():
            organisation = self.cluster.fgw.organisation
            organisation.phone = "0539-8100099"
            organisation.save()

        self.assertEqual(self.purged_by(rename_organisation), FGW_SITE)

    def test_hostname_change_empties_the_old_hostname(self):
        def move_host():
            site = self.cluster.fgw
            site.hostname = "fgw-new.test"
            site.save()

        self.assertEqual(self.purged_by(move_host), FGW_SITE)
        self.assertFalse(self.store.read(F, "/"))
        self.prime(("fgw-new.test", "/gzdt/"))

    def test_pagecache_command(self):
        self.prime(*WORLD)
        out = StringIO()
        call_command("pagecache", "stats", stdout=out)
        self.assertIn(f"total: {len(WORLD)} stored pages", out.getvalue())
        call_command("pagecache", "purge-url", f"http://{F}/gzdt/", stdout=StringIO())
        self.assertFalse(self.stored(F, "/gzdt/"))
        self.assertTrue(self.stored(P, "/bm/fgw/gzdt/"))
        call_command("pagecache", "purge-site", "fgw", stdout=StringIO())
        self.assertEqual({a for a in WORLD if not self.stored(*a)}, FGW_SITE)
        with self.assertRaisesMessage(CommandError, "没有代码为“nope”的站点"):
            call_command("pagecache", "purge-site", "nope")
        call_command("pagecache", "clear", stdout=StringIO())
        self.assertEqual(self.store.count(), 0)
