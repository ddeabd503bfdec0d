"""Publication figures for one year, aggregated in SQL and mapped to sites and columns.

An *item* (信息) is a live page of one of :data:`ITEM_MODELS`, dated by its statutory publish
time (``publish_at``; pages without one by ``first_published_at``). Items are counted in the
month (local time) of that date, in the nearest column above them. Pages taken offline no
longer count. References (引用) are not new items and are not counted.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics as pystats
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Count, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, ExtractMonth, Substr
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, WorkflowState

from content_models.columns.models import ColumnType

from .intervals import update_interval
from .tree import STEP, Column, SiteTree

ITEM_MODELS = (
    "articles.ArticlePage",
    "disclosure.DisclosureDocumentPage",
    "disclosure_reports.AnnualReportPage",
    "organisations.InstitutionFunctionsPage",
    "organisations.LeaderProfilePage",
    "interaction.ConsultationPage",
)
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def item_content_types() -> dict[int, str]:
    """``{content_type_id: "app_label.Model"}`` of the item models."""
    models = [apps.get_model(label) for label in ITEM_MODELS]
    found = ContentType.objects.get_for_models(*models)
    return {found[model].pk: label for model, label in zip(models, ITEM_MODELS, strict=True)}


def items(tree: SiteTree):
    return (
        Page.objects.live()
        .filter(tree.path_filter(), content_type__in=list(item_content_types()))
        .annotate(
            item_date=Coalesce(
                F("articlepage__publish_at"),
                F("disclosuredocumentpage__publish_at"),
                F("first_published_at"),
            ),
            parent_path=Substr("path", 1, (F("depth") - 1) * STEP),
        )
    )


@dataclass
class ColumnRow:
    column: Column
    months: list[int] = field(default_factory=lambda: [0] * 12)
    last_update: dt.datetime | None = None
    interval: dt.timedelta | None = None
    on_time: bool | None = None  # None: not assessed

    @property
    def total(self) -> int:
        return sum(self.months)

    @property
    def type_label(self) -> str:
        return dict(ColumnType.choices).get(self.column.column_type, self.column.column_type)


@dataclass
class SiteRow:
    site: object
    months: list[int] = field(default_factory=lambda: [0] * 12)
    columns: list[ColumnRow] = field(default_factory=list)
    outside_columns: int = 0
    by_model: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_column_type: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    review_hours: list[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.months)

    @property
    def assessed(self) -> list[ColumnRow]:
        return [row for row in self.columns if row.on_time is not None]

    @property
    def on_time_count(self) -> int:
        return sum(1 for row in self.assessed if row.on_time)

    @property
    def on_time_share(self) -> float | None:
        assessed = self.assessed
        return self.on_time_count / len(assessed) if assessed else None

    @property
    def review_median(self) -> float | None:
        return round(pystats.median(self.review_hours), 1) if self.review_hours else None

    @property
    def review_p90(self) -> float | None:
        return percentile(self.review_hours, 90)


def percentile(values: list[float], pct: int) -> float | None:
    """Nearest-rank percentile (the smallest value with ``pct`` % of values at or below it)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(math.ceil(pct / 100 * len(ordered)) - 1, 0)], 1)


def publication_report(year: int, sites=None, as_of: dt.datetime | None = None) -> list[SiteRow]:
    """One row per shown site, with its columns; five queries whatever the number of sites.

    ``as_of`` is when on-time is judged (default: the end of the year, or now in the current
    year): a column is on time when its newest item is no older than its update interval.
    """
    tree = SiteTree(sites)
    start, end = year_bounds(year)
    as_of = as_of or min(end, timezone.now())
    rows = {site.pk: SiteRow(site) for site in tree.sites}
    column_rows: dict[int, ColumnRow] = {}
    for column in sorted(tree.columns.values(), key=lambda c: c.path):
        row = ColumnRow(column, interval=update_interval(column.column_type))
        column_rows[column.pk] = row
        rows[column.site.pk].columns.append(row)
    labels = item_content_types()
    counted = (
        items(tree)
        .filter(item_date__gte=start, item_date__lt=end)
        .annotate(month=ExtractMonth("item_date"))
        .values("parent_path", "month", "content_type")
        .annotate(n=Count("pk"))
    )
    for entry in counted:
        site = tree.site_for(entry["parent_path"])
        if site is None:
            continue
        site_row = rows[site.pk]
        site_row.months[entry["month"] - 1] += entry["n"]
        site_row.by_model[labels[entry["content_type"]]] += entry["n"]
        column = tree.column_for(entry["parent_path"])
        if column is None:
            site_row.outside_columns += entry["n"]
            continue
        column_rows[column.pk].months[entry["month"] - 1] += entry["n"]
        site_row.by_column_type[column.column_type] += entry["n"]
    latest = (
        items(tree)
        .filter(item_date__lte=as_of)
        .values("parent_path")
        .annotate(last=Max("item_date"))
    )
    for entry in latest:
        column = tree.column_for(entry["parent_path"])
        if column is not None:
            row = column_rows[column.pk]
            if row.last_update is None or entry["last"] > row.last_update:
                row.last_update = entry["last"]
    for row in column_rows.values():
        if row.interval is not None:
            row.on_time = row.last_update is not None and as_of - row.last_update <= row.interval
    for path, submitted, published in review_times(tree, start, end):
        site = tree.site_for(path or "")
        if site is not None:
            rows[site.pk].review_hours.append((published - submitted).total_seconds() / 3600)
    return list(rows.values())


def review_times(tree: SiteTree, start: dt.datetime, end: dt.datetime):
    """(page path, submitted, published) for approved reviews published in [start, end).

    Submission is the workflow state's start (a rejected item resubmitted keeps it, so rework
    counts); publication is the first publish log entry of the page after that.
    """
    page_pk = Cast(OuterRef("object_id"), BigIntegerField())
    first_publish = (
        PageLogEntry.objects.filter(
            page_id=page_pk, action__in=PUBLISH_ACTIONS, timestamp__gte=OuterRef("created_at")
        )
        .order_by("timestamp")
        .values("timestamp")[:1]
    )
    path = Page.objects.filter(pk=page_pk).values("path")[:1]
    return (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            status=WorkflowState.STATUS_APPROVED,
        )
        .annotate(published=Subquery(first_publish), page_path=Subquery(path))
        .filter(published__gte=start, published__lt=end)
        .filter(tree.path_filter("page_path"))
        .values_list("page_path", "created_at", "published")
    )
