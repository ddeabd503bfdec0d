"""Exactly one self-rescheduling chain of the scheduled-publishing task.

django-tasks has no periodic scheduler, so each run of :func:`~.tasks.publish_scheduled_tick`
enqueues the next one (``run_after`` = the next whole minute) before doing its work.
:class:`~.models.SchedulerChain` records which queued result carries the chain; the row is
locked while it is read and changed, so:

- ``ensure_chain()`` (worker start-up via the ``db_worker`` override, and after ``migrate``)
  enqueues a run only when the recorded one is not alive (missing, finished, or stuck in
  RUNNING after a worker was killed); calling it again is a no-op;
- a run that finds another live result recorded is a stray duplicate and ends without
  enqueueing, so a second chain dies out after one run.

Queued rows are in the database, so the chain survives a worker restart. With a backend that
cannot defer (the immediate backend of the tests) nothing is enqueued.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from .models import SchedulerChain

logger = logging.getLogger(__name__)

CHAIN_KEY = "publish_scheduled"
# The recorded run is RUNNING only inside take_turn (the next run is queued before the work),
# so one still RUNNING this long after it started belongs to a worker that died.
STALE_RUNNING = dt.timedelta(minutes=2)
# Finished runs older than this are deleted, so the task table does not grow by 1440 rows a day.
KEEP_FINISHED = dt.timedelta(hours=1)


def next_minute(now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    return now.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def _tick_task():
    from .tasks import publish_scheduled_tick

    return publish_scheduled_tick


def can_defer() -> bool:
    return _tick_task().get_backend().supports_defer


def result_is_alive(result_id, now: dt.datetime | None = None) -> bool:
    """Whether a queued (or freshly running) task result with this id exists."""
    from django_tasks_db.models import DBTaskResult

    if result_id is None:
        return False
    row = DBTaskResult.objects.filter(pk=result_id).values("status", "started_at").first()
    if row is None:
        return False
    if row["status"] == "READY":
        return True
    if row["status"] == "RUNNING":
        started = row["started_at"]
        return started is not None and (now or timezone.now()) - started < STALE_RUNNING
    return False


def _locked_chain() -> SchedulerChain:
    SchedulerChain.objects.get_or_create(key=CHAIN_KEY)
    return SchedulerChain.objects.select_for_update().get(key=CHAIN_KEY)


def enqueue_next(chain: SchedulerChain, run_after: dt.datetime) -> str:
    result = _tick_task().using(run_after=run_after).enqueue()
    chain.result_id = result.id
    chain.run_after = run_after
    chain.save(update_fields=["result_id", "run_after", "updated_at"])
    return result.id


def ensure_chain(now: dt.datetime | None = None) -> str | None:
    """The id of the live queued run, enqueueing one (due at once) if there is none."""
    if not can_defer():
        return None
    now = now or timezone.now()
    with transaction.atomic():
        chain = _locked_chain()
        if result_is_alive(chain.result_id, now):
            return str(chain.result_id)
        result_id = enqueue_next(chain, now)
    logger.info("Started the scheduled-publishing chain with task %s", result_id)
    return str(result_id)


def take_turn(own_id: str, now: dt.datetime) -> bool:
    """Called by a run: queue the next run if this run carries the chain (True), else False."""
    with transaction.atomic():
        chain = _locked_chain()
        recorded = str(chain.result_id) if chain.result_id else None
        if recorded != str(own_id) and result_is_alive(chain.result_id, now):
            logger.warning("Scheduled-publishing run %s is a duplicate chain; ending it", own_id)
            return False
        enqueue_next(chain, next_minute(now))
        chain.last_run_at = now
        chain.save(update_fields=["last_run_at", "updated_at"])
    return True


def prune_finished(now: dt.datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(
        task_path=_tick_task().module_path,
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=now - KEEP_FINISHED,
    ).delete()
    return deleted


def ensure_after_migrate(sender, using="default", **kwargs) -> None:
    if using == "default":
        ensure_chain()
