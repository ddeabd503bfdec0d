"""分发: the portal pushes a notice to member sites as a 引用 in each site's 通知公告; members can
hide it but not edit or delete it; unpublishing at the portal removes it everywhere."""

from __future__ import annotations

import pytest

from django.urls import reverse

from wagtail.models import PageLogEntry

from content_models.sharing.models import Distribution, ReferencePage

from .conftest import portal_path, where
from .test_offers import login, refused

pytestmark = pytest.mark.django_db


def distribute(client, shared, cluster, data, user="hedong-editor"):
    login(client, shared, user)
    response = client.post(
        reverse("sharing_distribute", args=[cluster.portal_article.pk]),
        {"column_type": "notice", **data},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Distribution.objects.get(source=cluster.portal_article)


def notice_list(client, cluster, code):
    column = getattr(cluster, f"{code}_columns")["tzgg"]
    path, host = where(column)
    return client.get(path, **host).content.decode()


def test_push_to_all_member_sites(client, shared, cluster):
    title = cluster.portal_article.title
    distribution = distribute(client, shared, cluster, {"scope": "all"})
    references = ReferencePage.objects.filter(distribution=distribution)
    assert {ref.get_parent().pk for ref in references} == {
        cluster.fgw_columns["tzgg"].pk,
        cluster.jyj_columns["tzgg"].pk,
    }
    # fgw at its own hostname, jyj at its portal path
    assert title in notice_list(client, cluster, "fgw")
    assert title in notice_list(client, cluster, "jyj")
    ref = references.get(path__startswith=cluster.fgw.root_page.path)
    page = client.get(portal_path(ref, cluster), HTTP_HOST="hedong.test").content.decode()
    assert f"来源：{cluster.portal.name}" in page
    entry = PageLogEntry.objects.get(page=cluster.portal_article, action="sharing.distribute")
    assert set(entry.data["sites"]) == {cluster.fgw.name, cluster.jyj.name}
    # the office sees it in 分发记录
    login(client, shared, "office")
    assert title in client.get(reverse("sharing_distributions")).content.decode()

    # unpublished at the portal: gone from every member site
    cluster.portal_article.unpublish()
    for code in ("fgw", "jyj"):
        assert title not in notice_list(client, cluster, code)
    path, host = where(ref)
    assert client.get(path, **host).status_code == 404


def test_push_to_chosen_sites(client, shared, cluster):
    distribution = distribute(client, shared, cluster, {"scope": "list", "sites": [cluster.jyj.pk]})
    assert [ref.get_parent().pk for ref in distribution.references.all()] == [
        cluster.jyj_columns["tzgg"].pk
    ]
    assert cluster.portal_article.title not in notice_list(client, cluster, "fgw")


def test_push_by_kind(client, shared, cluster):
    login(client, shared, "office")
    nothing = client.post(
        reverse("sharing_distribute", args=[cluster.portal_article.pk]),
        {"scope": "kind", "kinds": ["street"], "column_type": "notice"},
    )
    assert "没有符合条件的成员站点" in nothing.content.decode()
    distribution = distribute(
        client, shared, cluster, {"scope": "kind", "kinds": ["department"]}, user="office"
    )
    assert distribution.references.count() == 2


def test_members_can_hide_but_not_edit(client, shared, cluster):
    distribution = distribute(client, shared, cluster, {"scope": "all"})
    ref = distribution.references.get(path__startswith=cluster.fgw.root_page.path)
    login(client, shared, "fgw-admin")
    assert refused_edit(client.get(reverse("wagtailadmin_pages:edit", args=[ref.pk])))
    assert refused_edit(client.get(reverse("wagtailadmin_pages:delete", args=[ref.pk])))
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[ref.pk]))
    assert response.status_code == 302
    assert not ReferencePage.objects.get(pk=ref.pk).live
    assert cluster.portal_article.title not in notice_list(client, cluster, "fgw")
    assert cluster.portal_article.title in notice_list(client, cluster, "jyj")


def refused_edit(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/admin/pages/")


def test_only_the_portal_distributes(client, shared, cluster):
    login(client, shared, "fgw-admin")
    assert refused(client.get(reverse("sharing_distribute", args=[cluster.portal_article.pk])))
    assert refused(client.get(reverse("sharing_distributions")))
    # a portal editor cannot push a department's article
    login(client, shared, "hedong-editor")
    assert client.get(reverse("sharing_distribute", args=[cluster.article.pk])).status_code == 404
