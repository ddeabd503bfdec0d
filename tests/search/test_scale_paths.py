"""The paths the embedded engines take at scale: facets counted in SQL and cached per index
generation, and (PostgreSQL) ranking a candidate set for words that match most of the index.

These tests run on the database in use (SQLite by default, PostgreSQL with DATABASE_URL).
"""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import query as q
from search.engines import Filters, SearchRequest, database, facet_cache, get_engine
from search.engines.base import FacetCounts
from sitecluster.tenancy.models import SiteStatus

from .conftest import article, run_search, titles

pytestmark = pytest.mark.django_db


def at(year, month=3, day=1):
    return timezone.make_aware(dt.datetime(year, month, day, 9))


@pytest.fixture
def notices(cluster, settings):
    settings.SITECLUSTER_SEARCH = {"ENGINE": "database"}
    fgw, jyj = cluster.fgw_columns, cluster.jyj_columns
    article(fgw["gzdt"], "防汛工作部署会召开", "全区防汛准备。", publish_at=at(2024))
    article(fgw["tzgg"], "关于防汛值班的通知", "汛期值班安排。", publish_at=at(2025))
    article(jyj["gzdt"], "学校开展安全教育", "讲解防汛知识。", publish_at=at(2025, 5))
    article(jyj["gzdt"], "校园防汛演练", "师生参加演练。", publish_at=at(2023))
    return cluster


def facet_queries(captured):
    return [item["sql"] for item in captured if "GROUP BY" in item["sql"]]


def test_facets_counted_in_sql_equal_the_per_combination_counts(notices, settings):
    settings.SITECLUSTER_SEARCH = {"ENGINE": "database", "FACET_CACHE_SECONDS": 0}
    engine = database.database_engine()
    expr = q.parse("防汛").expression()
    for filters in (
        Filters(),
        Filters(site_id=notices.fgw.pk),
        Filters(year=2025),
        Filters(site_id=notices.jyj.pk, year=2025, content_type="文章"),
        Filters(topic="不存在的分类"),
    ):
        expected = FacetCounts.from_rows(engine.facet_rows(expr, Filters()), filters)
        assert engine.facet_counts(expr, filters) == expected
    counted = engine.facet_counts(expr, Filters(site_id=notices.fgw.pk))
    assert counted.total == 2
    # The site facet ignores the site filter (so another site can be chosen), the year doesn't.
    assert counted.counts["site"] == {notices.fgw.pk: 2, notices.jyj.pk: 2}
    assert counted.counts["year"] == {2024: 1, 2025: 1}


def test_facet_counts_are_reused_until_the_index_changes(notices):
    first = run_search("防汛")
    assert first.count == 4
    with CaptureQueriesContext(connection) as captured:
        again = run_search("防汛")
    assert facet_queries(captured) == []  # answered from the cache
    assert again.count == 4 and titles(again) == titles(first)
    assert {f.value: f.count for f in again.facets["year"]} == {2025: 2, 2024: 1, 2023: 1}

    # Every kind of index write makes the cached counts unreachable.
    page = article(notices.fgw_columns["gzdt"], "防汛物资清单", "沙袋。", publish_at=at(2025))
    assert run_search("防汛").count == 5
    page.unpublish()
    assert run_search("防汛").count == 4
    notices.jyj.status = SiteStatus.ARCHIVED
    notices.jyj.save()
    response = run_search("防汛")
    assert response.count == 2
    assert [f.value for f in response.facets["site"]] == [notices.fgw.pk]


def test_cached_counts_are_not_used_past_the_next_expiry(notices, monkeypatch):
    page = article(notices.fgw_columns["gzdt"], "防汛临时通告", "三日内有效。")
    page.expire_at = timezone.now() + dt.timedelta(hours=1)
    page.save_revision().publish()
    assert run_search("防汛").count == 5

    later = timezone.now() + dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(facet_cache.time, "time", lambda: later.timestamp())
    response = run_search("防汛")
    assert response.count == 4
    assert "防汛临时通告" not in titles(response)


def test_the_cache_can_be_turned_off(notices, settings):
    settings.SITECLUSTER_SEARCH = {"ENGINE": "database", "FACET_CACHE_SECONDS": 0}
    run_search("防汛")
    with CaptureQueriesContext(connection) as captured:
        assert run_search("防汛").count == 4
    assert len(facet_queries(captured)) == 1


def test_common_words_rank_title_matches_first_and_keep_every_match(notices, monkeypatch):
    """Past TITLE_FIRST_ABOVE matches the engines rank candidates; nothing is lost."""
    monkeypatch.setattr(database, "TITLE_FIRST_ABOVE", 1)
    monkeypatch.setattr(database, "CANDIDATES", 2)
    monkeypatch.setattr(database, "DATE_WALK_ABOVE", 1)
    response = run_search("防汛")
    assert response.count == 4
    found = titles(response)
    assert sorted(found[:3]) == sorted(["防汛工作部署会召开", "关于防汛值班的通知", "校园防汛演练"])
    assert found[3] == "学校开展安全教育"  # the word only in the body
    by_date = run_search("防汛", sort="date")
    assert titles(by_date) == [
        "学校开展安全教育",
        "关于防汛值班的通知",
        "防汛工作部署会召开",
        "校园防汛演练",
    ]
    one_year = run_search("防汛", sort="date", year=2025)
    assert titles(one_year) == ["学校开展安全教育", "关于防汛值班的通知"]


def test_pages_past_the_first_stay_complete_on_the_candidate_path(notices, monkeypatch):
    monkeypatch.setattr(database, "TITLE_FIRST_ABOVE", 1)
    monkeypatch.setattr(database, "CANDIDATES", 1)
    engine = get_engine()
    seen = []
    for page in (1, 2):
        response = engine.search(SearchRequest(text="防汛", page=page, per_page=2))
        assert response.count == 4
        seen += titles(response)
    assert sorted(seen) == sorted(
        ["防汛工作部署会召开", "关于防汛值班的通知", "学校开展安全教育", "校园防汛演练"]
    )
