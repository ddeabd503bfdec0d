"""The two-site cluster every routing, template and tenancy test runs against.

A portal (hedong.test, alias www.hedong.test) with the standard portal columns, a department
with its own hostname (fgw.test, alias old-fgw.test) and a path-only department (jyj, alias
jyj.test redirecting into the portal path). Built through the real provisioning code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wagtail.models import Page

from content_models.articles.factories import ArticlePageFactory
from content_models.home.models import MemberSiteHomePage, PortalHomePage
from content_models.organisations.factories import OrganisationFactory
from sitecluster.provisioning import ensure_columns, load_blueprint
from sitecluster.provisioning.pages import add_published_child
from sitecluster.tenancy.models import ClusterSite, SiteKind

PORTAL_HOST = "hedong.test"
FGW_HOST = "fgw.test"


@dataclass
class TwoSiteCluster:
    portal: ClusterSite
    fgw: ClusterSite
    jyj: ClusterSite
    portal_columns: dict
    fgw_columns: dict
    jyj_columns: dict
    article: Page | None  # first item in fgw/gzdt
    notice: Page | None  # first item in fgw/tzgg
    portal_article: Page | None  # first item in portal/gzdt


def build_two_site_cluster(articles_per_column: int = 3) -> TwoSiteCluster:
    root = Page.get_first_root_node()
    portal_home = add_published_child(root, PortalHomePage(title="河东区人民政府", slug="hedong"))
    portal_columns = ensure_columns(portal_home, load_blueprint("portal"))
    portal = ClusterSite.objects.create(
        code="hedong",
        name="河东区人民政府",
        short_name="河东区政府",
        kind=SiteKind.PORTAL,
        organisation=OrganisationFactory(name="河东区人民政府"),
        root_page=portal_home,
        hostname=PORTAL_HOST,
        aliases="www.hedong.test",
        site_id_code="3799010001",
        sponsor="河东区人民政府办公室",
        icp_number="鲁ICP备20990001号",
        police_number="鲁公网安备 37990102000001号",
        contact_phone="0539-8100011",
    )
    sites = {}
    for code, name, host, alias in (
        ("fgw", "河东区发展和改革委员会", FGW_HOST, "old-fgw.test"),
        ("jyj", "河东区教育局", "", "jyj.test"),
    ):
        home = add_published_child(portal_columns["bm"], MemberSiteHomePage(title=name, slug=code))
        columns = ensure_columns(home, load_blueprint("department"))
        sites[code] = (
            ClusterSite.objects.create(
                code=code,
                name=name,
                short_name=name.removeprefix("河东区"),
                kind=SiteKind.DEPARTMENT,
                organisation=OrganisationFactory(name=name),
                root_page=home,
                hostname=host,
                aliases=alias,
                site_id_code="3799010002",
                sponsor=name,
                icp_number="鲁ICP备20990002号",
                police_number="鲁公网安备 37990102000002号",
            ),
            columns,
        )
    base = timezone.make_aware(dt.datetime(2025, 3, 1, 9, 30))
    made = {}
    for label, column in (
        ("fgw-gzdt", sites["fgw"][1]["gzdt"]),
        ("fgw-tzgg", sites["fgw"][1]["tzgg"]),
        ("portal-gzdt", portal_columns["gzdt"]),
        ("jyj-gzdt", sites["jyj"][1]["gzdt"]),
    ):
        for n in range(articles_per_column):
            made.setdefault(
                label,
                ArticlePageFactory(
                    parent=column,
                    title=f"{label} 第{n + 1}条 关于做好2025年重点工作的通知",
                    slug=f"{label}-{n + 1}",
                    publish_at=base + dt.timedelta(days=n, hours=n),
                    source="河东区融媒体中心",
                ),
            )
    return TwoSiteCluster(
        portal=portal,
        fgw=sites["fgw"][0],
        jyj=sites["jyj"][0],
        portal_columns=portal_columns,
        fgw_columns=sites["fgw"][1],
        jyj_columns=sites["jyj"][1],
        article=made.get("fgw-gzdt"),
        notice=made.get("fgw-tzgg"),
        portal_article=made.get("portal-gzdt"),
    )
