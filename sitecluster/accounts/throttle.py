"""Failed logins per account and per address; lockout after too many within a window.

Numbers come from ``settings.SITECLUSTER_LOGIN_THROTTLE``. Accounts are keyed by the
username as typed (lower-cased), so an unknown username is throttled exactly like a real
one and the answer never tells which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LoginThrottle, ThrottleKind

DEFAULTS = {
    "ACCOUNT_FAILURES": 5,
    "ADDRESS_FAILURES": 20,
    "WINDOW_SECONDS": 15 * 60,
    "LOCKOUT_SECONDS": 15 * 60,
}


def limits() -> dict:
    return {**DEFAULTS, **getattr(settings, "SITECLUSTER_LOGIN_THROTTLE", {})}


def account_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


@dataclass(frozen=True)
class Lockout:
    kind: str
    until: dt.datetime

    @property
    def minutes_left(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, math.ceil(seconds / 60))

    @property
    def message(self) -> str:
        if self.kind == ThrottleKind.ADDRESS:
            return f"该网络登录失败次数过多，已暂时锁定，请 {self.minutes_left} 分钟后再试。"
        return (
            f"该账号登录失败次数过多，已暂时锁定，请 {self.minutes_left} 分钟后再试；"
            "如非本人操作，请联系信息中心。"
        )


def current_lockout(username: str, address: str) -> Lockout | None:
    now = timezone.now()
    keys = [(ThrottleKind.ACCOUNT, account_key(username)), (ThrottleKind.ADDRESS, address)]
    for kind, key in keys:
        row = LoginThrottle.objects.filter(kind=kind, key=key, locked_until__gt=now).first()
        if row is not None:
            return Lockout(kind, row.locked_until)
    return None


def _count(kind: str, key: str, threshold: int, now) -> tuple[LoginThrottle, bool]:
    """One more failure; returns the row and whether this failure locked it."""
    conf = limits()
    LoginThrottle.objects.get_or_create(kind=kind, key=key)
    row = LoginThrottle.objects.select_for_update().get(kind=kind, key=key)
    window = dt.timedelta(seconds=conf["WINDOW_SECONDS"])
    if row.window_started_at is None or now - row.window_started_at > window:
        row.failures, row.window_started_at = 0, now
    row.failures += 1
    locked = row.failures >= threshold
    if locked:
        row.locked_until = now + dt.timedelta(seconds=conf["LOCKOUT_SECONDS"])
        row.failures, row.window_started_at = 0, None
    row.save()
    return row, locked


@transaction.atomic
def record_failure(username: str, address: str) -> list[LoginThrottle]:
    """Count a failure for the account and the address; the rows that became locked."""
    conf, now = limits(), timezone.now()
    newly_locked = []
    for kind, key, threshold in (
        (ThrottleKind.ACCOUNT, account_key(username), conf["ACCOUNT_FAILURES"]),
        (ThrottleKind.ADDRESS, address, conf["ADDRESS_FAILURES"]),
    ):
        if not key:
            continue
        row, locked = _count(kind, key, threshold, now)
        if locked:
            newly_locked.append(row)
    return newly_locked


def address_row(address: str) -> LoginThrottle:
    row, _ = LoginThrottle.objects.get_or_create(kind=ThrottleKind.ADDRESS, key=address)
    return row


def reset_account(username: str) -> None:
    LoginThrottle.objects.filter(
        kind=ThrottleKind.ACCOUNT, key=account_key(username), locked_until__isnull=True
    ).update(failures=0, window_started_at=None)
    LoginThrottle.objects.filter(
        kind=ThrottleKind.ACCOUNT, key=account_key(username), locked_until__lte=timezone.now()
    ).update(failures=0, window_started_at=None, locked_until=None)


def unlock(kind: str, key: str) -> int:
    return LoginThrottle.objects.filter(kind=kind, key=key).update(
        failures=0, window_started_at=None, locked_until=None
    )
