"""The citizen search pages, the JSON API, best bets, click-through and the zero-result page."""

import datetime as dt

import pytest

from django.utils import timezone

from search.models import BestBet, ClickLog, QueryLog
from tests.cluster import FGW_HOST, PORTAL_HOST

from .conftest import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(cluster):
    article(cluster.fgw_columns["gzdt"], "发改委部署重大项目建设", "重大项目建设稳步推进。")
    article(cluster.jyj_columns["gzdt"], "教育局推进重大项目建设", "学校重大项目建设。")
    return cluster


def test_search_box_on_every_page_offers_this_site_and_all_sites(items, client):
    html = client.get("/", HTTP_HOST=FGW_HOST).content.decode()
    assert 'action="/search/"' in html
    assert '<option value="fgw"' in html and "全区所有站点" in html


def test_results_page_scopes_and_highlights(items, client):
    html = client.get("/search/", {"q": "重大项目"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "找到 <strong>2</strong> 条结果" in html
    assert "<mark>重大项目</mark>" in html
    assert "河东区发展和改革委员会" in html and "河东区教育局" in html
    scoped = client.get("/search/", {"q": "重大项目", "site": "fgw"}, HTTP_HOST=PORTAL_HOST)
    html = scoped.content.decode()
    assert "找到 <strong>1</strong> 条结果" in html
    assert "发改委部署<mark>重大项目</mark>建设" in html and "教育局推进" not in html


def test_the_api_returns_results_and_facets(items, client):
    data = client.get("/api/search/", {"q": "重大项目 建设"}, HTTP_HOST=PORTAL_HOST).json()
    assert data["count"] == 2
    first = data["results"][0]
    assert set(first) >= {"title", "url", "site", "date", "type", "snippet"}
    assert first["url"].startswith("http://")
    assert first["type"] == "文章"
    assert {f["value"] for f in data["facets"]["site"]} == {"fgw", "jyj"}
    only_jyj = client.get(
        "/api/search/", {"q": "重大项目", "site": "jyj"}, HTTP_HOST=PORTAL_HOST
    ).json()
    assert [r["title"] for r in only_jyj["results"]] == ["教育局推进重大项目建设"]
    assert client.get("/api/search/", HTTP_HOST=PORTAL_HOST).status_code == 400


def test_best_bets_show_until_they_expire(items, client):
    target = items.fgw_columns["gzdt"]
    bet = BestBet.objects.create(keywords="项目申报\n重大项目", page=target, title="项目申报专栏")
    html = client.get("/search/", {"q": "重大项目"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "项目申报专栏" in html
    bet.expires_at = timezone.now() - dt.timedelta(minutes=1)
    bet.save()
    html = client.get("/search/", {"q": "重大项目"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "项目申报专栏" not in html


def test_zero_results_page_is_friendly(items, client):
    html = client.get("/search/", {"q": "饕餮"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "没有找到与“饕餮”相关的内容" in html
    assert "12345" in html


def test_queries_and_clicks_are_recorded(items, client):
    client.get("/search/", {"q": "重大项目"}, HTTP_HOST=PORTAL_HOST)
    client.get("/search/", {"q": "饕餮"}, HTTP_HOST=PORTAL_HOST)
    logged = dict(QueryLog.objects.values_list("query", "result_count"))
    assert logged == {"重大项目": 2, "饕餮": 0}
    hit = items.fgw_columns["gzdt"].get_children().last()
    response = client.get(
        "/search/click/",
        {"p": hit.pk, "n": 1, "q": "重大项目", "from": "hedong"},
        HTTP_HOST=PORTAL_HOST,
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/bm/fgw/gzdt/")  # the portal path on the portal host
    assert ClickLog.objects.get().page_id == hit.pk
    # Unpublished or unknown pages are never a redirect target.
    assert client.get("/search/click/", {"p": 999999}, HTTP_HOST=PORTAL_HOST).status_code == 404
