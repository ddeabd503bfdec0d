"""The cluster-wide table as CSV or XLSX (openpyxl): one row per site, then per column/month."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

from content_models.columns.models import ColumnType

from .annual import FIELDS

SITE_HEADER = ["站点代码", "站点名称", *[f"{m}月" for m in range(1, 13)]]
SITE_HEADER += ["全年发布", "考核栏目数", "按时更新栏目数", "按时更新率"]
SITE_HEADER += ["送审至发布中位数（小时）", "送审至发布P90（小时）", "审核条数"]
SITE_HEADER += [label for _, label in FIELDS]
COLUMN_HEADER = ["站点代码", "站点名称", "栏目", "栏目类型", *[f"{m}月" for m in range(1, 13)]]
COLUMN_HEADER += ["全年发布", "最近更新", "更新时限（天）", "是否按时更新"]


def _share(row) -> str:
    share = row.on_time_share
    return "" if share is None else f"{share * 100:.1f}%"


def site_rows(rows, annual) -> list[list]:
    table = []
    for row in rows:
        counts = annual[row.site.pk]
        table.append(
            [row.site.code, row.site.name, *row.months, row.total, len(row.assessed)]
            + [row.on_time_count, _share(row), row.review_median, row.review_p90]
            + [len(row.review_hours)]
            + [counts[key] for key, _ in FIELDS]
        )
    return table


def column_rows(rows) -> list[list]:
    table = []
    types = dict(ColumnType.choices)
    for row in rows:
        for column in row.columns:
            last = column.last_update
            table.append(
                [row.site.code, row.site.name, column.column.title]
                + [types.get(column.column.column_type, column.column.column_type)]
                + [*column.months, column.total]
                + [last.strftime("%Y-%m-%d %H:%M") if last else ""]
                + [column.interval.days if column.interval else ""]
                + [{True: "是", False: "否", None: "不考核"}[column.on_time]]
            )
    return table


def as_csv(rows, annual, year: int) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM correctly
    writer = csv.writer(buffer)
    writer.writerow(SITE_HEADER)
    writer.writerows(site_rows(rows, annual))
    writer.writerow([])
    writer.writerow(COLUMN_HEADER)
    writer.writerows(column_rows(rows))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="publication-{year}.csv"'
    return response


def as_xlsx(rows, annual, year: int) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "各站点"
    sheet.append(SITE_HEADER)
    for line in site_rows(rows, annual):
        sheet.append(line)
    columns = book.create_sheet("各栏目")
    columns.append(COLUMN_HEADER)
    for line in column_rows(rows):
        columns.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="publication-{year}.xlsx"'
    return response
