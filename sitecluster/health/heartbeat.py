"""The background worker's heartbeat.

The worker (``manage.py db_worker``) proves it is alive in two ways, both written to
:class:`WorkerHeartbeat`:

- every task it starts updates its worker's row (``task_started`` receiver), and
- :func:`worker_heartbeat`, a small self-rescheduling task, runs every ``HEARTBEAT_INTERVAL``
  seconds even when nothing else is queued. ``manage.py healthcheck --schedule-heartbeat``
  (run by the worker's systemd unit and by ``make prod-check``) starts the chain; it is
  idempotent, and the task never keeps two chains alive.

Finished heartbeat results are deleted as they are replaced, so the task table does not grow.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks.signals import task_started

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

DEFAULTS = {"HEARTBEAT_INTERVAL": 30, "HEARTBEAT_STALE": 120}


def health_setting(name: str):
    return (getattr(settings, "SITECLUSTER_HEALTH", None) or {}).get(name, DEFAULTS.get(name))


def record_heartbeat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=(worker_id or "worker")[:64], defaults={"beat_at": timezone.now()}
    )


def _worker_id(task_result) -> str:
    ids = getattr(task_result, "worker_ids", None) or []
    return ids[-1] if ids else ""


@receiver(task_started)
def beat_on_task_start(sender, task_result, **kwargs):
    # Only a real worker has worker ids; the immediate backend (tests, dev) has none.
    worker_id = _worker_id(task_result)
    if worker_id:
        record_heartbeat(worker_id)


def _task_rows():
    """Result rows of the heartbeat task (django_tasks_db only), or None for other backends."""
    if not default_task_backend.supports_defer:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=worker_heartbeat.module_path)


def schedule_heartbeat(delay: float | None = None) -> bool:
    """Queue the next heartbeat (in ``delay`` seconds, by default one interval) unless one is
    already queued. True when one was queued."""
    rows = _task_rows()
    if rows is None:
        return False
    with transaction.atomic():
        if rows.filter(status=TaskResultStatus.READY).exists():
            return False
        seconds = health_setting("HEARTBEAT_INTERVAL") if delay is None else delay
        run_after = timezone.now() + timedelta(seconds=seconds)
        worker_heartbeat.using(run_after=run_after).enqueue()
    return True


@task(takes_context=True)
def worker_heartbeat(context) -> None:
    record_heartbeat(_worker_id(context.task_result) or "worker")
    rows = _task_rows()
    if rows is None:
        return
    # Keep only this run's result: the chain would otherwise add a row every interval.
    rows.exclude(id=context.task_result.id).filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    ).delete()
    schedule_heartbeat()
