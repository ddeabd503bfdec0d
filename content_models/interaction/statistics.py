"""Monthly letter statistics per site: received, answered, average handling time.

Letters are counted in the month they arrived; a letter's answer counts for that month too, so
a month's row settles once its letters are answered. One query per call; the annual website
report (年度工作报表) sums the rows of a year.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import OPEN_STATES, State


def monthly_statistics(letters, year: int, today: dt.date | None = None) -> list[dict]:
    today = today or timezone.localdate()
    rows = (
        letters.filter(received_on__year=year)
        .annotate(month=TruncMonth("received_on"))
        .values("site_home", "month")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(state=State.REPLIED)),
            rejected=Count("pk", filter=Q(state=State.REJECTED)),
            open=Count("pk", filter=Q(state__in=OPEN_STATES)),
            answered_late=Count("pk", filter=Q(state=State.REPLIED, replied_on__gt=F("due_on"))),
            past_limit=Count("pk", filter=Q(state__in=OPEN_STATES, hard_limit_on__lt=today)),
            average_days=Avg("handling_days", filter=Q(state=State.REPLIED)),
        )
        .order_by("site_home", "month")
    )
    return [
        {
            **row,
            "average_days": round(row["average_days"], 1)
            if row["average_days"] is not None
            else None,
        }
        for row in rows
    ]


def yearly_totals(letters, year: int, today: dt.date | None = None) -> dict[int, dict]:
    """``{site_home_id: totals}`` for the year: the figures the annual report quotes."""
    totals: dict[int, dict] = {}
    weighted: dict[int, float] = {}
    for row in monthly_statistics(letters, year, today):
        site = totals.setdefault(
            row["site_home"],
            {
                "received": 0,
                "answered": 0,
                "rejected": 0,
                "open": 0,
                "answered_late": 0,
                "past_limit": 0,
            },
        )
        for key in site:
            site[key] += row[key]
        if row["average_days"] is not None:
            weighted[row["site_home"]] = (
                weighted.get(row["site_home"], 0) + row["average_days"] * row["answered"]
            )
    for site_id, site in totals.items():
        site["average_days"] = (
            round(weighted[site_id] / site["answered"], 1) if site["answered"] else None
        )
    return totals
