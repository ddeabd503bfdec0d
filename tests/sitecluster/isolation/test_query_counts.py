"""SQL queries of the admin views an editor opens most do not grow with the number of sites.

A user who is 编辑 or 审核员 on several sites opens the dashboard, the page explorer, the page
chooser and the image chooser/listing; the cluster then grows from 4 to 13 sites (the user has no
role on the new ones): the query counts must stay the same (Wagtail #8410, #6807, #14593:
per-group, per-grant and per-task queries). Then the user gains roles on three more sites.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from content_models.articles.models import ArticlePage
from content_models.organisations.validators import make_uscc
from sitecluster.provisioning import get_blueprint, provision_site, site_columns
from sitecluster.provisioning.pages import add_published_child
from sitecluster.tenancy.models import SiteGroup, SiteRole
from tests.cluster import PORTAL_HOST

from .world import make_user

pytestmark = pytest.mark.django_db


def light_blueprint():
    """The department blueprint with only its 工作动态 column: quick to provision."""
    department = get_blueprint("department")
    return dataclasses.replace(
        department, columns=tuple(c for c in department.columns if c.slug == "gzdt")
    )


def png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return ImageFile(buffer, name="dot.png")


def add_sites(blueprint, first: int, count: int):
    sites = []
    for index in range(first, first + count):
        site = provision_site(
            blueprint=blueprint,
            code=f"q{index:02d}",
            name=f"计数测试单位{index:02d}",
            org_code=make_uscc("11", "379901", f"{70000000 + index:08d}"),
        )
        column = site_columns(site)["gzdt"]
        for n in range(2):
            add_published_child(column, ArticlePage(title=f"单位{index}动态{n}", slug=f"a{n}"))
        get_image_model().objects.create(
            title=f"单位{index}图片", collection=site.collection, file=png()
        )
        sites.append(site)
    return sites


def grant(user, sites, role=SiteRole.EDITOR):
    for site in sites:
        user.groups.add(SiteGroup.objects.get(cluster_site=site, role=role).group)


def counts(client, views: dict[str, str]) -> dict[str, int]:
    result = {}
    for label, url in views.items():
        response = client.get(url)  # warm up, and follow the explorer's redirect once
        if response.status_code == 302:
            url = response["Location"]
            response = client.get(url)
        assert response.status_code == 200, f"{label}: {response.status_code}"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        result[label] = len(queries)
    return result


def test_admin_query_counts_do_not_grow_with_sites(client):
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    provision_site(
        blueprint="portal",
        code="hedong",
        name="河东区人民政府",
        org_code=make_uscc("11", "379901", "69999999"),
        hostname=PORTAL_HOST,
    )
    blueprint = light_blueprint()
    own = add_sites(blueprint, 1, 3)
    user = make_user("multi-site-editor")
    grant(user, own[:2], SiteRole.EDITOR)
    grant(user, own[2:], SiteRole.REVIEWER)
    client.force_login(user)
    views = {
        "dashboard": "/admin/",
        "explorer": "/admin/pages/",
        "explorer of own site": f"/admin/pages/{own[0].root_page_id}/",
        "page chooser": "/admin/choose-page/",
        "image chooser": "/admin/images/chooser/",
        "image listing": "/admin/images/",
    }
    few_sites = counts(client, views)

    more = add_sites(blueprint, 4, 9)
    many_sites = counts(client, views)
    assert many_sites == few_sites

    # Roles on three more sites: views that do not list the user's sites stay the same; the
    # explorer and the page chooser show three more site rows, and Wagtail spends a bounded
    # number of queries per listed row (status, workflow, delete check), never per site.
    grant(user, more[:3], SiteRole.EDITOR)
    more_roles = counts(client, views)
    for label in ("dashboard", "explorer of own site", "image chooser", "image listing"):
        assert more_roles[label] == few_sites[label], label
    for label in ("explorer", "page chooser"):
        assert few_sites[label] <= more_roles[label] <= few_sites[label] + 3 * 3, label
