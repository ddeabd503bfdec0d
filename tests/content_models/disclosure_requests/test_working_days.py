"""Working-day arithmetic across the official 2025/2026 holidays and 调休 weekends."""

import datetime as dt

import pytest

from content_models.disclosure_requests.models import CalendarDay
from content_models.disclosure_requests.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_official_calendars_are_loaded_by_the_migration():
    assert CalendarDay.objects.filter(date__year=2025).count() >= 30
    assert CalendarDay.objects.filter(date__year=2026).count() >= 30
    assert CalendarDay.objects.get(date=D(2025, 1, 26)).kind == "workday"
    assert CalendarDay.objects.get(date=D(2026, 10, 7)).name == "国庆节"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 26), True),  # Sunday worked before 春节
        (D(2025, 1, 28), False),  # 春节 on a Tuesday
        (D(2025, 2, 8), True),  # Saturday worked
        (D(2025, 3, 8), False),  # ordinary Saturday
        (D(2025, 5, 5), False),  # 劳动节 Monday
        (D(2025, 9, 28), True),
        (D(2025, 10, 8), False),
        (D(2025, 10, 11), True),
        (D(2026, 1, 4), True),
        (D(2026, 2, 23), False),
        (D(2026, 2, 28), True),
        (D(2026, 5, 9), True),
        (D(2026, 9, 25), False),  # 中秋 Friday
        (D(2026, 10, 10), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_periods_skip_holidays_and_count_worked_weekends():
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 26)  # Fri → worked Sunday
    assert add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)  # over 春节
    assert add_working_days(D(2025, 2, 7), 1) == D(2025, 2, 8)  # Fri → worked Saturday
    assert add_working_days(D(2025, 3, 7), 1) == D(2025, 3, 10)  # ordinary weekend
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)  # 元旦 2026 then worked Sunday
    assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)  # 春节 2026


def test_twenty_working_days_across_the_national_day_week():
    # 9/28 (worked Sun), 9/29, 9/30, 10/9, 10/10, 10/11 (worked Sat), then 14 more weekdays.
    assert add_working_days(D(2025, 9, 26), 20) == D(2025, 10, 30)
    assert working_days_between(D(2025, 9, 26), D(2025, 10, 30)) == 20
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert working_days_between(D(2025, 10, 9), D(2025, 9, 30)) == -1


def test_the_information_office_can_correct_the_calendar():
    assert add_working_days(D(2027, 1, 29), 1) == D(2027, 2, 1)
    CalendarDay.objects.create(date=D(2027, 2, 1), kind="holiday", name="春节")
    assert add_working_days(D(2027, 1, 29), 1) == D(2027, 2, 2)
