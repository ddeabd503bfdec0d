"""Editors cannot build a tree that breaks the column structure."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content_models.articles.models import ArticlePage
from content_models.columns.models import ColumnPage
from content_models.home.models import MemberDirectoryPage, MemberSiteHomePage, PortalHomePage
from content_models.organisations.models import InstitutionFunctionsPage, LeaderProfilePage
from tests.cluster import PORTAL_HOST, build_two_site_cluster


class PageTypeRuleTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cluster = build_two_site_cluster(articles_per_column=1)

    def setUp(self):
        super().setUp()
        self.client.defaults["HTTP_HOST"] = PORTAL_HOST  # the admin answers on cluster hosts

    def test_allowed_parents(self):
        self.assertAllowedParentPageTypes(PortalHomePage, {Page})
        self.assertAllowedParentPageTypes(MemberDirectoryPage, {PortalHomePage})
        self.assertAllowedParentPageTypes(MemberSiteHomePage, {MemberDirectoryPage})
        self.assertAllowedParentPageTypes(
            ColumnPage, {PortalHomePage, MemberSiteHomePage, ColumnPage}
        )
        for leaf in (ArticlePage, InstitutionFunctionsPage, LeaderProfilePage):
            self.assertAllowedParentPageTypes(leaf, {ColumnPage})

    def test_articles_only_inside_columns(self):
        self.assertCanNotCreateAt(MemberSiteHomePage, ArticlePage)
        self.assertCanNotCreateAt(PortalHomePage, ArticlePage)
        self.assertCanNotCreateAt(MemberDirectoryPage, ArticlePage)
        self.assertCanCreateAt(ColumnPage, ArticlePage)

    def test_leaves_have_no_children(self):
        for leaf in (ArticlePage, InstitutionFunctionsPage, LeaderProfilePage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_member_sites_only_in_directories(self):
        self.assertCanNotCreateAt(PortalHomePage, MemberSiteHomePage)
        self.assertCanNotCreateAt(ColumnPage, MemberSiteHomePage)
        self.assertCanCreateAt(MemberDirectoryPage, MemberSiteHomePage)

    def test_only_one_portal(self):
        root = Page.get_first_root_node()
        self.assertFalse(PortalHomePage.can_create_at(root))

    def test_column_can_be_created_through_the_admin_form(self):
        from wagtail.test.utils.form_data import nested_form_data, streamfield

        self.login()
        home = self.cluster.fgw.root_page.specific
        self.assertCanCreate(
            home,
            ColumnPage,
            nested_form_data(
                {
                    "title": "专项工作",
                    "slug": "zxgz",
                    "column_type": "dynamic",
                    "per_page": 20,
                    "intro": "",
                    "body": streamfield([]),
                }
            ),
        )
        self.assertTrue(ColumnPage.objects.child_of(home).filter(slug="zxgz").exists())
