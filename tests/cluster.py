"""The two-site cluster every routing, template and tenancy test runs against.

A portal (hedong.test, alias www.hedong.test) with the standard portal columns, a department
with its own hostname (fgw.test, alias old-fgw.test) and a path-only department (jyj, alias
jyj.test redirecting into the portal path). Built with ``provision_site`` from the built-in
blueprints, so every site has its groups (SiteGroup admin/reviewer/editor), collection and workflow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from wagtail.models import Page

from content_models.articles.factories import ArticlePageFactory
from content_models.organisations.factories import OrganisationFactory
from sitecluster.provisioning import provision_site, site_columns
from sitecluster.tenancy.models import ClusterSite

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
    portal = provision_site(
        blueprint="portal",
        code="hedong",
        name="河东区人民政府",
        short_name="河东区政府",
        organisation=OrganisationFactory(name="河东区人民政府"),
        hostname=PORTAL_HOST,
        aliases=["www.hedong.test"],
        settings={
            "site_id_code": "3799010001",
            "sponsor": "河东区人民政府办公室",
            "icp_number": "鲁ICP备20990001号",
            "police_number": "鲁公网安备 37990102000001号",
            "contact_phone": "0539-8100011",
        },
    )
    portal_columns = site_columns(portal)
    sites = {}
    for code, name, host, alias in (
        ("fgw", "河东区发展和改革委员会", FGW_HOST, "old-fgw.test"),
        ("jyj", "河东区教育局", "", "jyj.test"),
    ):
        site = provision_site(
            blueprint="department",
            code=code,
            name=name,
            short_name=name.removeprefix("河东区"),
            organisation=OrganisationFactory(name=name),
            hostname=host,
            aliases=[alias],
            settings={
                "site_id_code": "3799010002",
                "sponsor": name,
                "icp_number": "鲁ICP备20990002号",
                "police_number": "鲁公网安备 37990102000002号",
            },
        )
        sites[code] = (site, site_columns(site))
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
