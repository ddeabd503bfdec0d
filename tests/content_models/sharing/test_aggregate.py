"""汇总: a column listing the latest items of chosen sites' columns, with the sites' names."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_models.articles.factories import ArticlePageFactory
from content_models.sharing.factories import AggregateColumnPageFactory
from content_models.sharing.models import AggregateColumnPage, AggregateSource
from sitecluster.provisioning.page_types import get_page_type

from .conftest import portal_path, where

pytestmark = pytest.mark.django_db


def add_aggregate(cluster, **fields):
    sources = fields.pop("sources", [])
    fields.setdefault("site_kind", "")
    page = AggregateColumnPageFactory(
        parent=cluster.portal.root_page, title="动态汇总", slug="dthz", **fields
    )
    for source in sources:
        AggregateSource.objects.create(aggregate=page, page=source)
    page.save_revision().publish()
    return page


def test_lists_latest_items_of_every_department_with_site_names(client, cluster):
    aggregate = add_aggregate(cluster, site_kind="department", per_page=3)
    path, host = where(aggregate)
    html = client.get(path, **host).content.decode()
    # fgw and jyj 工作动态 have two items each: newest first, three per page
    assert html.count('class="article-list__item"') == 3
    assert cluster.fgw.name in html and cluster.jyj.name in html
    assert "fgw-tzgg" not in html  # notices are not 动态
    assert "portal-gzdt" not in html  # the portal's own column is not a department
    second = client.get(path + "?page=2", **host).content.decode()
    assert second.count('class="article-list__item"') == 1


def test_chosen_sources_and_only_live_items(client, cluster):
    aggregate = add_aggregate(cluster, sources=[cluster.fgw.root_page])
    path, host = where(aggregate)
    assert "jyj-gzdt" not in client.get(path, **host).content.decode()
    cluster.article.unpublish()
    html = client.get(path, **host).content.decode()
    assert cluster.article.title not in html
    assert "fgw-gzdt 第2条" in html
    # publishing in a source column lists it at once
    ArticlePageFactory(parent=cluster.fgw_columns["gzdt"], title="发改委新发布的动态", slug="x1")
    assert "发改委新发布的动态" in client.get(path, **host).content.decode()


def test_a_fixed_number_of_queries_however_many_sites(client, cluster):
    aggregate = add_aggregate(cluster, site_kind="department")
    path, host = where(aggregate)
    client.get(path, **host)  # warm the routing caches
    with CaptureQueriesContext(connection) as few:
        client.get(path, **host)
    for n in range(5):
        ArticlePageFactory(parent=cluster.jyj_columns["gzdt"], slug=f"more-{n}")
    with CaptureQueriesContext(connection) as more:
        client.get(path, **host)
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_portal_blueprint_makes_the_departments_news_column(client, cluster):
    page_type = get_page_type("aggregate_column")
    assert page_type is not None and page_type.model is AggregateColumnPage
    aggregate = cluster.portal_columns["gbmdt"]
    assert isinstance(aggregate, AggregateColumnPage) and aggregate.live
    assert (aggregate.title, aggregate.site_kind) == ("各部门动态", "department")
    html = client.get(portal_path(aggregate, cluster), HTTP_HOST="hedong.test").content.decode()
    assert cluster.jyj.name in html and "jyj-gzdt 第2条" in html and "fgw-gzdt 第1条" in html
