"""Working days (工作日) by the official holiday calendar the information office maintains.

A day is a working day when it is Monday–Friday and not a public holiday, or when it is a
weekend day declared a working day (调休上班). Periods follow the usual rule for statutory
time limits: the starting day is not counted, so ``add_working_days(d, 20)`` is the 20th
working day after ``d``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.core.cache import cache

_GENERATION_KEY = "disclosure_requests:calendar_generation"


def _generation() -> int:
    return cache.get_or_set(_GENERATION_KEY, 1, None)


def calendar_changed() -> None:
    """Every process reloads the calendar after the information office edits it."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, None)


@lru_cache(maxsize=4)
def _overrides(generation: int) -> dict[dt.date, bool]:
    from .models import CalendarDay

    return {day: kind == "workday" for day, kind in CalendarDay.objects.values_list("date", "kind")}


def overrides() -> dict[dt.date, bool]:
    """``{date: is_working_day}`` for every day the calendar declares."""
    return _overrides(_generation())


def is_working_day(day: dt.date, table: dict[dt.date, bool] | None = None) -> bool:
    table = overrides() if table is None else table
    if day in table:
        return table[day]
    return day.weekday() < 5


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
    table = overrides()
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, table):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    table = overrides()
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset), table)
    )
