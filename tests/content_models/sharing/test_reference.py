"""引用: one article shown in other columns and sites, never copied.

The reference renders the source's current text with 来源 and a canonical link to the source,
on the portal path and on member hostnames; the source's edits show at once; unpublishing the
source (or archiving its site) makes every reference a 404 and drops it from every list.
"""

from __future__ import annotations

import pytest

from content_models.core.dependents import pages_showing
from content_models.sharing.factories import ReferencePageFactory
from content_models.sharing.models import AggregateColumnPage, ReferencePage
from content_models.sharing.references import add_reference
from search.models import SearchDocument
from sitecluster.provisioning.lifecycle import archive_site

from .conftest import portal_path, where

pytestmark = pytest.mark.django_db


def publish_edit(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_reference_shows_source_with_provenance_and_canonical(cluster, client):
    source = cluster.article  # fgw 工作动态
    reference = add_reference(source, cluster.portal_columns["gzdt"])
    path, host = where(reference)
    assert host == {"HTTP_HOST": "hedong.test"}
    response = client.get(path, **host)
    assert response.status_code == 200
    html = response.content.decode()
    assert source.title in html
    assert "为深入贯彻落实相关工作部署" in html  # the source's body
    assert f"来源：{cluster.fgw.name} · 工作动态" in html
    assert f'<link rel="canonical" href="{source.get_full_url()}">' in html
    assert "http://fgw.test" in source.get_full_url()


def test_portal_notice_referenced_on_member_host_and_portal_path(cluster, client):
    source = cluster.portal_article
    reference = add_reference(source, cluster.fgw_columns["tzgg"])
    for path, host in (
        where(reference),
        (portal_path(reference, cluster), {"HTTP_HOST": "hedong.test"}),
    ):
        response = client.get(path, **host)
        assert response.status_code == 200, (path, host)
        assert f"来源：{cluster.portal.name}" in response.content.decode()
    assert where(reference)[1] == {"HTTP_HOST": "fgw.test"}
    assert portal_path(reference, cluster).startswith("/bm/fgw/")


def column_html(client, column, host=None):
    path, default_host = where(column)
    return client.get(path, **(host or default_host)).content.decode()


def test_lists_show_the_source_title_and_follow_edits(cluster, client):
    source = cluster.portal_article
    reference = add_reference(source, cluster.fgw_columns["tzgg"])
    tzgg = cluster.fgw_columns["tzgg"]
    assert source.title in column_html(client, tzgg)
    home_path, host = where(cluster.fgw.root_page)
    assert source.title in client.get(home_path, **host).content.decode()

    publish_edit(source, title="关于2025年春季安全生产检查的通知（修订）")
    for html in (  # the column, the site home, the reference at both addresses
        column_html(client, tzgg),
        client.get(home_path, **host).content.decode(),
        client.get(*where(reference)[:1], **where(reference)[1]).content.decode(),
        client.get(portal_path(reference, cluster), HTTP_HOST="hedong.test").content.decode(),
    ):
        assert "关于2025年春季安全生产检查的通知（修订）" in html
    # the stored title follows too (the admin tree and breadcrumbs show it)
    assert ReferencePage.objects.get(pk=reference.pk).title == source.specific.title


def test_unpublishing_the_source_removes_every_reference(cluster, client):
    source = cluster.portal_article
    reference = add_reference(source, cluster.fgw_columns["tzgg"])
    other = add_reference(source, cluster.jyj_columns["tzgg"])
    source.specific.unpublish()
    for page in (reference, other):
        path, host = where(page)
        assert client.get(path, **host).status_code == 404
        assert client.get(portal_path(page, cluster), HTTP_HOST="hedong.test").status_code == 404
    assert source.title not in column_html(client, cluster.fgw_columns["tzgg"])
    home_path, host = where(cluster.fgw.root_page)
    assert source.title not in client.get(home_path, **host).content.decode()
    # published again: the references come back with it
    source.specific.save_revision().publish()
    assert client.get(*where(reference)[:1], **where(reference)[1]).status_code == 200


def test_archiving_the_source_site_removes_its_references(cluster, client):
    source = cluster.article  # fgw
    reference = add_reference(source, cluster.portal_columns["gzdt"])
    archive_site(cluster.fgw)
    path, host = where(reference)
    assert client.get(path, **host).status_code == 404
    assert source.title not in column_html(client, cluster.portal_columns["gzdt"])


def test_a_reference_is_not_a_second_search_hit(cluster):
    source = cluster.article
    reference = ReferencePageFactory(parent=cluster.portal_columns["gzdt"], source=source)
    assert reference.live
    assert SearchDocument.objects.filter(page_id=source.pk).exists()
    assert not SearchDocument.objects.filter(page_id=reference.pk).exists()


def test_a_reference_is_not_in_the_sitemap(cluster, client):
    reference = add_reference(cluster.portal_article, cluster.fgw_columns["tzgg"])
    sitemap = client.get("/sitemap.xml", HTTP_HOST="fgw.test")
    assert sitemap.status_code == 200
    body = sitemap.content.decode()
    assert "/tzgg/" in body and f"/tzgg/{reference.slug}/" not in body


def test_pages_showing_the_source(cluster):
    source = cluster.article  # fgw 工作动态
    in_portal = add_reference(source, cluster.portal_columns["gzdt"])
    in_jyj = add_reference(source, cluster.jyj_columns["tzgg"])
    aggregate = cluster.portal_columns["gbmdt"]  # 各部门动态, from the portal blueprint
    assert isinstance(aggregate, AggregateColumnPage)

    shown = {page.pk for page in pages_showing(source)}
    expected = {
        in_portal.pk,
        cluster.portal_columns["gzdt"].pk,
        cluster.portal.root_page_id,  # lists its columns' latest items
        in_jyj.pk,
        cluster.jyj_columns["tzgg"].pk,
        cluster.jyj.root_page_id,
        aggregate.pk,
    }
    assert shown == expected
    # a notice column is not aggregated by a 动态 aggregate; a hidden reference is not shown
    in_jyj.unpublish()
    assert in_jyj.pk not in {page.pk for page in pages_showing(source)}
    assert aggregate.pk not in {page.pk for page in pages_showing(cluster.notice)}
