"""The tables of the annual report (国办公开办函〔2021〕30号), computed from the data.

Table 二 counts 规章 and 行政规范性文件 issued, repealed and in force; table 三 counts
applications by applicant type and outcome (one grouped query); the other figures of tables
二 and 四 are entered by staff.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from content_models.disclosure.models import DisclosureDocumentPage
from content_models.disclosure_requests.models import (
    ApplicantType,
    DisclosureRequest,
    Outcome,
    State,
)

COLUMNS = [value for value, _ in ApplicantType.choices]
COLUMN_LABELS = [label for _, label in ApplicantType.choices] + ["总计"]
CLOSED = (State.REPLIED, State.WITHDRAWN)

# (label, outcome codes summed in the row); "subtotal" rows sum a group.
RESULT_ROWS = [
    ("（一）予以公开", ["1"]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["2"]),
    *[
        (f"（三）不予公开 {o.label.split('：', 1)[1]}", [o.value])
        for o in Outcome
        if o.value.startswith("3.")
    ],
    *[
        (f"（四）无法提供 {o.label.split('：', 1)[1]}", [o.value])
        for o in Outcome
        if o.value.startswith("4.")
    ],
    *[
        (f"（五）不予处理 {o.label.split('：', 1)[1]}", [o.value])
        for o in Outcome
        if o.value.startswith("5.")
    ],
    *[
        (f"（六）其他处理 {o.label.split('：', 1)[1]}", [o.value])
        for o in Outcome
        if o.value.startswith("6.")
    ],
    ("（七）总计", [o.value for o in Outcome]),
]


def _row(counts: dict[tuple[str, str], int], codes, label) -> dict:
    values = [sum(counts.get((code, column), 0) for code in codes) for column in COLUMNS]
    return {"label": label, "values": [*values, sum(values)]}


def _by_type(queryset) -> list[int]:
    counts = dict(queryset.order_by().values_list("applicant_type").annotate(n=Count("pk")))
    values = [counts.get(column, 0) for column in COLUMNS]
    return [*values, sum(values)]


def document_figures(organisation_ids, year: int) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    documents = DisclosureDocumentPage.objects.live()
    if organisation_ids is not None:
        documents = documents.filter(organisation_id__in=organisation_ids)
    figures = {}
    for legal_class in ("rule", "normative"):
        scoped = documents.filter(legal_class=legal_class)
        figures[legal_class] = scoped.aggregate(
            issued=Count("pk", filter=Q(publish_at__year=year)),
            repealed=Count(
                "pk",
                filter=Q(validity="repealed", validity_changed_on__range=(start, end)),
            ),
            in_force=Count(
                "pk",
                filter=Q(publish_at__date__lte=end)
                & (Q(validity="effective") | Q(validity_changed_on__gt=end)),
            ),
        )
    figures["all_published"] = documents.filter(publish_at__year=year).count()
    return figures


def request_figures(organisation_ids, year: int) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    requests = DisclosureRequest.objects.exclude(state=State.SUBMITTED, received_on__isnull=True)
    if organisation_ids is not None:
        requests = requests.filter(organisation_id__in=organisation_ids)
    received = requests.filter(received_on__isnull=False)
    new = received.filter(received_on__range=(start, end))
    carried_in = received.filter(received_on__lt=start).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gte=start)
    )
    closed = requests.filter(state__in=CLOSED, replied_on__range=(start, end))
    carried_out = received.filter(received_on__lte=end).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gt=end)
    )
    counts = {
        (outcome, applicant_type): n
        for outcome, applicant_type, n in closed.order_by()
        .values_list("outcome", "applicant_type")
        .annotate(n=Count("pk"))
    }
    rows = [
        {"label": "一、本年新收政府信息公开申请数量", "values": _by_type(new)},
        {"label": "二、上年结转政府信息公开申请数量", "values": _by_type(carried_in)},
        *[_row(counts, codes, f"三、本年度办理结果 {label}") for label, codes in RESULT_ROWS],
        {"label": "四、结转下年度继续办理", "values": _by_type(carried_out)},
    ]
    return {"columns": COLUMN_LABELS, "rows": rows}


def compute_figures(organisation_ids, year: int) -> dict:
    """Everything the report computes; JSON-serialisable so a published report stays fixed."""
    return {
        "year": year,
        "documents": document_figures(organisation_ids, year),
        "requests": request_figures(organisation_ids, year),
    }
