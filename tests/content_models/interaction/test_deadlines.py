"""Deadlines on working days (official holiday calendar), the dashboard panel, statistics."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone

from content_models.interaction import workflow
from content_models.interaction.deadlines import (
    add_months,
    deadline_buckets,
    hard_limit_date,
    target_date,
)
from content_models.interaction.models import Letter
from content_models.interaction.statistics import monthly_statistics, yearly_totals

from .conftest import LETTER, staff_client, staff_of

pytestmark = pytest.mark.django_db
D = dt.date
FIELDS = {k: LETTER[k] for k in ("letter_type", "subject", "body", "name", "phone")}


def at(day: dt.date, hour: int = 10):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def test_target_skips_the_national_day_holiday_and_counts_the_weekend_worked():
    # Friday 26 Sep 2025: Sun 28 Sep is worked (1), 29–30 Sep (2, 3), 1–8 Oct are holidays,
    # 9–10 Oct (4, 5), Saturday 11 Oct is worked (6), 13–16 Oct (7–10).
    assert target_date(D(2025, 9, 26), 10) == D(2025, 10, 16)
    # Without holidays: two plain weeks.
    assert target_date(D(2025, 3, 7), 10) == D(2025, 3, 21)


def test_the_three_month_limit_is_calendar_months_clamped_to_month_end():
    assert hard_limit_date(D(2025, 3, 15)) == D(2025, 6, 15)
    assert hard_limit_date(D(2025, 11, 30)) == D(2026, 2, 28)
    assert add_months(D(2025, 12, 31), 2) == D(2026, 2, 28)


def test_forwarding_keeps_the_arrival_date_and_uses_the_new_mailboxs_target(mailboxes):
    fgw = mailboxes["fgw"]
    fgw.target_days = 5
    fgw.save_revision().publish()
    letter = workflow.submit(mailboxes["portal"], **FIELDS, now=at(D(2025, 9, 26)))
    assert letter.due_on == D(2025, 10, 16)
    workflow.forward(letter, fgw, note="属发改委职责")
    # 5 working days from 26 Sep: 28, 29, 30 Sep, 9, 10 Oct.
    assert (letter.due_on, letter.hard_limit_on) == (D(2025, 10, 10), D(2025, 12, 26))
    workflow.reply(letter, "已办理。", on=D(2025, 10, 13))
    assert letter.handling_days == 7  # 28, 29, 30 Sep, 9, 10, 11, 13 Oct


def test_dashboard_and_statistics_show_letters_near_and_past_each_limit(cluster, mailboxes):
    today = timezone.localdate()
    box = mailboxes["fgw"]
    past_limit = workflow.submit(box, **FIELDS, now=at(add_months(today, -4)))
    past_target = workflow.submit(
        box, **{**FIELDS, "subject": "超过答复时限的信"}, now=at(today - dt.timedelta(days=40))
    )
    fresh = workflow.submit(box, **{**FIELDS, "subject": "刚收到的信"})
    answered = workflow.submit(box, **{**FIELDS, "subject": "已答复的信"})
    workflow.reply(answered, "已答复。")
    buckets = deadline_buckets(Letter.objects.all())
    assert buckets["past_limit"] == [past_limit]
    assert buckets["past_target"] == [past_target]
    assert fresh not in sum(buckets.values(), []) and answered not in sum(buckets.values(), [])

    fgw_home = staff_client(staff_of(cluster.fgw, "fgw-editor")).get(reverse("wagtailadmin_home"))
    html = fgw_home.content.decode()
    assert (
        "来信办理期限" in html
        and "超过三个月未答复（1 件）" in html
        and past_target.tracking_code in html
    )
    portal_home = staff_client(staff_of(cluster.portal, "portal-editor")).get(
        reverse("wagtailadmin_home")
    )
    assert past_limit.tracking_code not in portal_home.content.decode()

    rows = monthly_statistics(Letter.objects.all(), today.year)
    this_month = next(r for r in rows if r["month"].month == today.month)
    assert (this_month["received"], this_month["answered"], this_month["average_days"]) == (2, 1, 0)
    totals = yearly_totals(Letter.objects.all(), today.year)[cluster.fgw.root_page_id]
    assert totals["received"] >= 2 and totals["answered"] == 1
