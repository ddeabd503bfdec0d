"""The scheduled backup: a django-tasks task that re-enqueues itself with ``run_after``.

No cron: the worker (``manage.py db_worker``) runs the backup at ``SITECLUSTER_BACKUP_HOUR``
local time and the task schedules the next day's run before it ends (also when the backup
failed). ``ensure_scheduled()`` runs after every ``migrate`` (deployments migrate) and from
``manage.py cluster backup --schedule``; it does nothing when a run is already queued or when
the task backend cannot defer (the immediate backend of the tests).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def next_run_time(now: dt.datetime | None = None) -> dt.datetime:
    """The next ``HOUR:00`` local time strictly after ``now``."""
    now = timezone.localtime(now or timezone.now())
    hour = settings.SITECLUSTER_BACKUPS["HOUR"]
    if not 0 <= hour <= 23:
        raise ImproperlyConfigured(f"SITECLUSTER_BACKUP_HOUR must be 0-23, not {hour}")
    candidate = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= now:
        candidate = timezone.localtime(candidate + dt.timedelta(days=1)).replace(hour=hour)
    return candidate


def queued_run() -> dt.datetime | None:
    """When the next scheduled backup is queued for, if the database backend holds one."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import scheduled_backup

    if not isinstance(task_backends[scheduled_backup.backend], DatabaseBackend):
        return None
    row = (
        DBTaskResult.objects.filter(task_path=scheduled_backup.module_path, status="READY")
        .order_by("run_after")
        .first()
    )
    return row.run_after if row else None


def ensure_scheduled(now: dt.datetime | None = None) -> dt.datetime | None:
    """Queue the next scheduled backup unless one is queued; returns its time (or None)."""
    from django_tasks import task_backends

    from .tasks import scheduled_backup

    if not task_backends[scheduled_backup.backend].supports_defer:
        return None
    queued = queued_run()
    if queued is not None:
        return queued
    when = next_run_time(now)
    scheduled_backup.using(run_after=when).enqueue()
    return when


def schedule_after_migrate(sender, using="default", **kwargs) -> None:
    if using == "default":
        ensure_scheduled()
