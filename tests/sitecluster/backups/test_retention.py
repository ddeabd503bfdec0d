"""Retention keeps the newest backup of the last N days and M weeks and logs what it removed."""

from __future__ import annotations

import datetime as dt

import pytest

from sitecluster.backups.models import MaintenanceLogEntry, Operation
from sitecluster.backups.retention import archives_to_keep, prune
from tests.sitecluster.statistics.conftest import local

pytestmark = pytest.mark.django_db


def touch(folder, *stamps):
    folder.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        (folder / f"sitecluster-{stamp}.tar.gz").write_bytes(b"x" * 10)
    return folder


def names(paths):
    return sorted(p.name.removeprefix("sitecluster-").removesuffix(".tar.gz") for p in paths)


def test_newest_of_each_recent_day_and_week_is_kept(backup_settings):
    folder = touch(
        backup_settings["DIR"],
        "20260101-020000",  # Thu, ISO week 1
        "20260104-020000",  # Sun, week 1 (newest of week 1)
        "20260105-020000",  # Mon, week 2
        "20260108-020000",  # Thu, week 2
        "20260109-020000",  # Fri, week 2
        "20260109-150000",  # Fri again: newest of that day and of week 2
        "20260110-020000",  # Sat, week 2
        "20260112-020000",  # Mon, week 3
    )
    paths = sorted(folder.iterdir())
    # 3 daily: 01-12, 01-10, 01-09 15:00; 2 weekly: week 3 (01-12), week 2 (01-10).
    assert names(archives_to_keep(paths, 3, 2)) == [
        "20260109-150000",
        "20260110-020000",
        "20260112-020000",
    ]
    assert names(archives_to_keep(paths, 1, 3)) == [
        "20260104-020000",
        "20260110-020000",
        "20260112-020000",
    ]
    # Whatever the policy, the last 24 hours are kept.
    recent = archives_to_keep(paths[:6], 1, 0, now=local(2026, 1, 10, 1, 0))
    assert names(recent) == ["20260109-020000", "20260109-150000"]


def test_prune_removes_and_logs(backup_settings):
    folder = touch(
        backup_settings["DIR"],
        "20260101-020000",
        "20260102-020000",
        "20260103-020000",
        "20260110-020000",
        "20260111-020000",
    )
    (folder / "sitecluster-manual-copy.tar.gz").write_bytes(b"kept: no date in the name")
    entry = prune(actor="admin")
    assert sorted(p.name for p in folder.iterdir()) == [
        "sitecluster-20260103-020000.tar.gz",
        "sitecluster-20260110-020000.tar.gz",
        "sitecluster-20260111-020000.tar.gz",
        "sitecluster-manual-copy.tar.gz",
    ]
    assert entry.operation == Operation.PRUNE and entry.size == 20
    assert "sitecluster-20260101-020000.tar.gz" in entry.message
    assert "每日 3 份、每周 2 份" in entry.message
    assert prune() is None  # nothing more to remove, nothing logged
    assert MaintenanceLogEntry.objects.count() == 1


def test_archive_time_is_local(backup_settings):
    from sitecluster.backups.retention import archive_time

    when = archive_time(backup_settings["DIR"] / "sitecluster-20260101-020000.tar.gz")
    assert when.utcoffset() == dt.timedelta(hours=8) and when.hour == 2
