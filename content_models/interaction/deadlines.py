"""Deadlines of a letter on working days, and the statistics the annual report uses.

* Target (答复时限): ``MailboxPage.target_days`` working days after the day the letter arrived
  (default 10); the arrival day itself is not counted.
* Hard limit (三个月): a letter unanswered three calendar months after it arrived fails the
  site's inspection outright (国办秘函〔2019〕19号). Forwarding does not restart either clock.

Working days come from the holiday calendar in :mod:`content_models.disclosure_requests`.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone

from content_models.disclosure_requests.working_days import (
    add_working_days,
    working_days_between,
)

DEFAULT_TARGET_DAYS = 10
HARD_LIMIT_MONTHS = 3
NEAR_TARGET_DAYS = 2  # working days left when a letter counts as "near" its target
NEAR_HARD_LIMIT_DAYS = 10  # working days left before the three-month limit


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's last day (31 Nov → 30 Nov)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def target_date(received_on: dt.date, target_days: int) -> dt.date:
    return add_working_days(received_on, target_days)


def hard_limit_date(received_on: dt.date) -> dt.date:
    return add_months(received_on, HARD_LIMIT_MONTHS)


def handling_days(received_on: dt.date, answered_on: dt.date) -> int:
    """Working days it took to answer (a reply on the arrival day took 0)."""
    return max(working_days_between(received_on, answered_on), 0)


def working_days_left(due: dt.date, today: dt.date | None = None) -> int:
    return working_days_between(today or timezone.localdate(), due)


def deadline_buckets(queryset, today: dt.date | None = None) -> dict[str, list]:
    """Open letters near and past their target and the three-month limit (four queries)."""
    from .models import OPEN_STATES

    today = today or timezone.localdate()
    open_letters = queryset.filter(state__in=OPEN_STATES).select_related("mailbox", "site_home")
    near_target = add_working_days(today, NEAR_TARGET_DAYS)
    near_limit = add_working_days(today, NEAR_HARD_LIMIT_DAYS)
    return {
        "past_limit": list(open_letters.filter(hard_limit_on__lt=today).order_by("hard_limit_on")),
        "near_limit": list(
            open_letters.filter(hard_limit_on__gte=today, hard_limit_on__lte=near_limit).order_by(
                "hard_limit_on"
            )
        ),
        "past_target": list(
            open_letters.filter(due_on__lt=today, hard_limit_on__gte=today).order_by("due_on")
        ),
        "near_target": list(
            open_letters.filter(due_on__gte=today, due_on__lte=near_target).order_by("due_on")
        ),
    }
