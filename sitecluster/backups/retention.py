"""Retention: keep the newest archive of each of the last N days and of the last M weeks.

Days and weeks are counted over days (ISO weeks) that have a backup, in local time, so a
machine that was off for a week does not lose its older backups. Archives of the last 24 hours
are always kept. Removed archives are logged.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .archive import PREFIX, SUFFIX, archives
from .models import MaintenanceLogEntry, Operation, Outcome

logger = logging.getLogger(__name__)
RECENT = dt.timedelta(hours=24)


def archive_time(path: Path) -> dt.datetime | None:
    stamp = path.name.removeprefix(PREFIX).removesuffix(SUFFIX)[:15]
    try:
        naive = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return timezone.make_aware(naive)


def archives_to_keep(
    paths: list[Path], keep_daily: int, keep_weekly: int, now: dt.datetime | None = None
) -> set[Path]:
    dated = sorted(
        ((archive_time(p), p) for p in paths if archive_time(p)), key=lambda pair: pair[0]
    )
    newest_per_day: dict[dt.date, Path] = {}
    newest_per_week: dict[tuple[int, int], Path] = {}
    for when, path in dated:  # oldest first: later ones overwrite
        newest_per_day[when.date()] = path
        newest_per_week[when.isocalendar()[:2]] = path
    keep = (
        {newest_per_day[day] for day in sorted(newest_per_day)[-keep_daily:]}
        if keep_daily
        else set()
    )
    if keep_weekly:
        keep |= {newest_per_week[week] for week in sorted(newest_per_week)[-keep_weekly:]}
    # Archives whose names carry no date are not ours to judge; a backup of the last 24 hours
    # (say, a manual one before an upgrade) is never removed by the next scheduled run.
    now = now or timezone.now()
    keep |= {p for p in paths if archive_time(p) is None or now - archive_time(p) < RECENT}
    return keep


def prune(actor: str = "") -> MaintenanceLogEntry | None:
    """Delete archives outside the retention policy; logs a 清理 entry when any went."""
    config = settings.SITECLUSTER_BACKUPS
    paths = archives()
    keep = archives_to_keep(paths, config["KEEP_DAILY"], config["KEEP_WEEKLY"])
    doomed = [p for p in paths if p not in keep]
    if not doomed:
        return None
    freed = 0
    for path in doomed:
        freed += path.stat().st_size
        path.unlink()
        logger.info("Backup removed by retention: %s", path.name)
    return MaintenanceLogEntry.objects.create(
        operation=Operation.PRUNE,
        actor=actor,
        finished_at=timezone.now(),
        outcome=Outcome.SUCCEEDED,
        size=freed,
        message=(
            f"按保留策略（每日 {config['KEEP_DAILY']} 份、每周 {config['KEEP_WEEKLY']} 份）删除 "
            f"{len(doomed)} 个过期备份：" + "、".join(p.name for p in doomed)
        ),
    )
