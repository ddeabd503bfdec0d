"""Publication statistics against a known fixture (see conftest): counts, on time, review times."""

from __future__ import annotations

import pytest

from sitecluster.statistics.annual import annual_counts
from sitecluster.statistics.publication import percentile, publication_report

from .conftest import local

pytestmark = pytest.mark.django_db

AS_OF = local(2025, 3, 10, 12, 0)


@pytest.fixture
def rows(world):
    report = publication_report(2025, as_of=AS_OF)
    return {row.site.code: row for row in report}


def months(**counts):
    values = [0] * 12
    for month, n in counts.items():
        values[int(month.removeprefix("m")) - 1] = n
    return values


def column(row, title):
    return next(c for c in row.columns if c.column.title == title)


def test_items_per_site_and_month(rows):
    assert rows["fgw"].months == months(m1=2, m2=1, m3=2)
    assert rows["fgw"].total == 5
    assert rows["jyj"].months == months(m1=1)
    assert rows["hedong"].months == months(m6=1)


def test_items_per_column_and_month(rows):
    fgw = rows["fgw"]
    assert column(fgw, "工作动态").months == months(m1=2, m3=1)
    assert column(fgw, "通知公告").months == months(m2=1)
    assert column(fgw, "政策文件").months == months(m3=1)
    assert column(fgw, "政策解读").total == 0
    assert column(rows["hedong"], "要闻动态").months == months(m6=1)


def test_share_of_columns_updated_on_time(rows):
    fgw = rows["fgw"]
    # 动态 5 days old (14 allowed), 通知 37 days (30), 政策文件 5 days (90), 政策解读 empty.
    assert [(c.column.title, c.on_time) for c in fgw.assessed] == [
        ("工作动态", True),
        ("通知公告", False),
        ("政策文件", True),
        ("政策解读", False),
    ]
    assert fgw.on_time_share == 0.5
    assert column(fgw, "机构概况").on_time is None
    assert column(fgw, "工作动态").last_update == local(2025, 3, 5, 9, 0)


def test_time_from_submission_to_publication(rows):
    assert sorted(rows["fgw"].review_hours) == [2.0, 4.0, 30.0]
    assert rows["fgw"].review_median == 4.0
    assert rows["fgw"].review_p90 == 30.0
    assert rows["jyj"].review_hours == [10.0]
    assert rows["hedong"].review_median is None


def test_percentile_is_nearest_rank():
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([5.0], 90) == 5.0
    assert percentile([], 90) is None


def test_annual_report_counts(rows, world):
    counts = annual_counts(list(rows.values()), 2025)
    fgw = counts[world.cluster.fgw.pk]
    assert fgw["total"] == 5
    assert fgw["news"] == 4  # 工作动态 3 + 通知公告 1
    assert fgw["catalogue"] == 1  # the 政策文件 disclosure document
    assert fgw["overview"] == 0 and fgw["interpretation"] == 0
    assert fgw["letters_received"] == 2 and fgw["letters_answered"] == 0
    assert fgw["letters_days"] is None and fgw["letters_published"] == 0
    assert counts[world.cluster.jyj.pk]["letters_received"] == 0


def test_one_site_only(world):
    report = publication_report(2025, [world.cluster.jyj], as_of=AS_OF)
    assert [row.site.code for row in report] == ["jyj"]
    assert report[0].months == months(m1=1)


def test_queries_do_not_grow_with_sites(world, django_assert_max_num_queries):
    publication_report(2025, as_of=AS_OF)  # warm the content type cache
    with django_assert_max_num_queries(6):
        publication_report(2025, [world.cluster.jyj], as_of=AS_OF)
    with django_assert_max_num_queries(6):
        publication_report(2025, as_of=AS_OF)
