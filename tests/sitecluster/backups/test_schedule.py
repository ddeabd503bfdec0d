"""The daily backup re-enqueues itself in the worker (django-tasks ``run_after``)."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from sitecluster.backups import tasks
from sitecluster.backups.schedule import ensure_scheduled, next_run_time, queued_run
from tests.sitecluster.statistics.conftest import local

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_next_run_is_the_next_backup_hour_in_local_time(backup_settings):
    assert next_run_time(local(2026, 3, 1, 1, 59)) == local(2026, 3, 1, 2, 0)
    assert next_run_time(local(2026, 3, 1, 2, 0)) == local(2026, 3, 2, 2, 0)
    assert next_run_time(local(2026, 12, 31, 23, 0)) == local(2027, 1, 1, 2, 0)


def test_immediate_backend_schedules_nothing(backup_settings):
    assert ensure_scheduled() is None


def test_one_run_is_queued_and_requeues_itself_after_a_failure(
    backup_settings, settings, monkeypatch
):
    settings.TASKS = DB_TASKS
    when = ensure_scheduled(local(2026, 3, 1, 10, 0))
    assert when == local(2026, 3, 2, 2, 0)
    assert ensure_scheduled(local(2026, 3, 1, 11, 0)) == when  # no second chain
    queued = DBTaskResult.objects.filter(task_path=tasks.scheduled_backup.module_path)
    assert queued.count() == 1 and queued.get().run_after == when

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(tasks, "create_backup", broken)
    queued.update(status="SUCCESSFUL")  # the queued run is being executed now
    assert tasks.scheduled_backup.call() is None
    assert queued.filter(status="READY").count() == 1
    assert queued_run() == next_run_time()
