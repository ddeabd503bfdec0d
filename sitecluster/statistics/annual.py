"""The counts the annual website report (网站工作年度报表) asks for, per site.

Mapping (documented in docs/statistics.md):

- 信息发布总数: every item of the year (see :mod:`.publication`);
- 概况类信息: items in 机构概况-type columns (``overview``: 机构职能, 领导信息 pages);
- 政务动态信息: items in 动态要闻 and 通知公告 columns (``dynamic``, ``notice``);
- 信息公开目录信息: 政府信息公开 documents (``DisclosureDocumentPage``) and 年报 pages;
- 解读信息发布: items in 政策解读 columns (``interpretation``);
- 办事服务事项: items in 办事服务 columns (``service``);
- 专栏专题 维护数量 / 新开设数量: topic sites (``kind = topic``) active / created in the year;
- 留言办理 收到 / 办结 / 平均办理时间（天）/ 公开答复: letters to the site's mailboxes
  (``content_models.interaction.statistics.yearly_totals``, published letters);
- 征集调查 期数 / 收到意见数量: consultations first published in the year / comments received.
"""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear

from content_models.columns.models import ColumnType
from content_models.interaction.models import ConsultationComment, Letter
from content_models.interaction.statistics import yearly_totals
from sitecluster.tenancy.models import ClusterSite, SiteKind

from .publication import SiteRow, year_bounds

FIELDS = [
    ("total", "信息发布总数"),
    ("overview", "概况类信息"),
    ("news", "政务动态信息"),
    ("catalogue", "信息公开目录信息"),
    ("interpretation", "解读信息发布"),
    ("service", "办事服务事项"),
    ("letters_received", "收到留言数量"),
    ("letters_answered", "办结留言数量"),
    ("letters_days", "平均办理时间（工作日）"),
    ("letters_published", "公开答复数量"),
    ("consultations", "征集调查期数"),
    ("comments", "收到意见数量"),
]


def annual_counts(rows: list[SiteRow], year: int) -> dict[int, dict]:
    """``{site_pk: {field: value}}`` for the rows of :func:`publication_report`."""
    homes = {row.site.root_page_id: row.site.pk for row in rows}
    letters = Letter.objects.filter(site_home_id__in=list(homes))
    totals = yearly_totals(letters, year)
    start, end = year_bounds(year)
    published = dict(
        letters.filter(is_published=True, published_at__gte=start, published_at__lt=end)
        .values_list("site_home")
        .annotate(n=Count("pk"))
        .values_list("site_home", "n")
    )
    comments = dict(
        ConsultationComment.objects.filter(
            site_home_id__in=list(homes), created_at__gte=start, created_at__lt=end
        )
        .values_list("site_home")
        .annotate(n=Count("pk"))
        .values_list("site_home", "n")
    )
    result = {}
    for row in rows:
        home = row.site.root_page_id
        kinds, models = row.by_column_type, row.by_model
        letter = totals.get(home, {})
        result[row.site.pk] = {
            "total": row.total,
            "overview": kinds.get(ColumnType.OVERVIEW, 0),
            "news": kinds.get(ColumnType.DYNAMIC, 0) + kinds.get(ColumnType.NOTICE, 0),
            "catalogue": models.get("disclosure.DisclosureDocumentPage", 0)
            + models.get("disclosure_reports.AnnualReportPage", 0),
            "interpretation": kinds.get(ColumnType.INTERPRETATION, 0),
            "service": kinds.get(ColumnType.SERVICE, 0),
            "letters_received": letter.get("received", 0),
            "letters_answered": letter.get("answered", 0),
            "letters_days": letter.get("average_days"),
            "letters_published": published.get(home, 0),
            "consultations": models.get("interaction.ConsultationPage", 0),
            "comments": comments.get(home, 0),
        }
    return result


def topic_sites(year: int) -> dict[str, int]:
    """专栏专题: topic sites maintained (active) and newly opened in the year."""
    topics = ClusterSite.objects.filter(kind=SiteKind.TOPIC)
    return {
        "maintained": topics.active().count(),
        "opened": topics.annotate(y=ExtractYear("created_at")).filter(y=year).count(),
    }
