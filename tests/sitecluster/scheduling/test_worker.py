"""Scheduled publishing and expiry through the real worker loop on the database backend.

The clock is ours: ``timezone.now`` is patched, so "09:00:30" is when we say it is, for the
worker's choice of due tasks, for Wagtail's publish_scheduled and for the chain's next run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Workflow, WorkflowPage, WorkflowTask
from wagtail.signals import page_published, page_unpublished

from content_models.articles.factories import ArticlePageFactory
from content_models.review.models import ConfidentialityReviewTask
from sitecluster.scheduling import chain, tasks
from sitecluster.scheduling.models import SchedulerChain

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Clock:
    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self):
        return self.now

    def set(self, hour: int, minute: int, second: int = 0):
        self.now = self.now.replace(hour=hour, minute=minute, second=second)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.make_aware(dt.datetime(2026, 3, 2, 8, 30)))
    monkeypatch.setattr(timezone, "now", clock)
    # The worker drops "obsolete" connections between tasks; inside the test's transaction
    # that would roll everything back.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS=DB_TASKS):
        yield clock


def run_worker():
    db_worker.Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def queued_ticks():
    return DBTaskResult.objects.filter(
        task_path=tasks.publish_scheduled_tick.module_path, status="READY"
    )


def draft(title="关于2026年春季植树活动的通知"):
    return ArticlePageFactory(parent=Page.get_first_root_node(), title=title, live=False)


@pytest.fixture
def signals():
    seen = {"published": [], "unpublished": []}

    def on_published(sender, instance, **kwargs):
        seen["published"].append(instance.pk)

    def on_unpublished(sender, instance, **kwargs):
        seen["unpublished"].append(instance.pk)

    page_published.connect(on_published)
    page_unpublished.connect(on_unpublished)
    yield seen
    page_published.disconnect(on_published)
    page_unpublished.disconnect(on_unpublished)


def test_ensure_chain_is_idempotent(clock):
    first = chain.ensure_chain()
    assert chain.ensure_chain() == first
    assert [str(row.pk) for row in queued_ticks()] == [first]
    assert str(SchedulerChain.objects.get().result_id) == first


def test_page_scheduled_for_nine_is_live_by_nine_o_one(clock, signals):
    page = draft()
    page.go_live_at = clock.now.replace(hour=9, minute=0)
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.get_latest_revision().approved_go_live_at
    signals["published"].clear()  # Wagtail signals the scheduling itself too

    chain.ensure_chain()
    run_worker()  # 08:30: nothing due yet; the next run is queued for 08:31
    assert not Page.objects.get(pk=page.pk).live
    (next_run,) = queued_ticks()
    assert timezone.localtime(next_run.run_after).strftime("%H:%M:%S") == "08:31:00"

    clock.set(9, 0, 30)
    run_worker()
    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert signals["published"] == [page.pk]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").exists()
    (next_run,) = queued_ticks()
    assert timezone.localtime(next_run.run_after).strftime("%H:%M:%S") == "09:01:00"


def test_expiry_unpublishes_in_the_worker(clock, signals):
    page = draft("2026年一季度招聘公告")
    page.expire_at = clock.now.replace(hour=10, minute=0)
    page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).live

    chain.ensure_chain()
    clock.set(10, 0, 30)
    run_worker()
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.expired
    assert signals["unpublished"] == [page.pk]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish.scheduled").exists()


def test_a_second_chain_dies_out_after_one_run(clock):
    chain.ensure_chain()
    stray = tasks.publish_scheduled_tick.enqueue()
    run_worker()
    assert DBTaskResult.objects.get(pk=stray.id).return_value in (
        {"duplicate": True},
        {"duplicate": False, "pruned": 0},
    )
    (only,) = queued_ticks()
    assert str(SchedulerChain.objects.get().result_id) == str(only.pk)
    clock.set(8, 31, 5)
    run_worker()
    assert queued_ticks().count() == 1


def test_worker_restart_keeps_the_chain_and_a_dead_run_is_replaced(clock):
    first = chain.ensure_chain()
    # A restarted worker finds the queued run and adds nothing.
    assert chain.ensure_chain() == first
    # A worker killed inside a run leaves it RUNNING; once stale it is replaced.
    DBTaskResult.objects.filter(pk=first).update(
        status="RUNNING", started_at=clock.now - dt.timedelta(minutes=5)
    )
    second = chain.ensure_chain()
    assert second != first and [str(row.pk) for row in queued_ticks()] == [second]


def test_failing_publish_does_not_break_the_chain(clock, monkeypatch):
    def broken():
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(tasks, "publish_due", broken)
    first = chain.ensure_chain()
    run_worker()
    assert DBTaskResult.objects.get(pk=first).status == "FAILED"
    assert queued_ticks().count() == 1


def test_finished_runs_are_pruned(clock):
    chain.ensure_chain()
    run_worker()
    clock.set(10, 0, 30)
    run_worker()
    finished = DBTaskResult.objects.filter(
        task_path=tasks.publish_scheduled_tick.module_path, status="SUCCESSFUL"
    )
    assert finished.count() == 1  # the 08:30 run is over an hour old and gone


def test_db_worker_command_starts_the_chain(clock):
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert queued_ticks().count() == 1
    assert SchedulerChain.objects.get().last_run_at == clock.now


def test_immediate_backend_enqueues_nothing():
    assert chain.ensure_chain() is None
    assert not queued_ticks().exists()


def test_page_approved_with_a_future_publish_time_goes_live_from_the_worker(clock, signals):
    reviewer = get_user_model().objects.create_superuser("sched-reviewer", "r@example.cn", "x")
    task = ConfidentialityReviewTask.objects.create(name="保密审核")
    workflow = Workflow.objects.create(name="测试审核")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = draft("关于9时发布的通知")
    WorkflowPage.objects.create(page=page, workflow=workflow)
    page.go_live_at = clock.now.replace(hour=9, minute=0)
    page.save_revision(user=reviewer)
    workflow.start(page, reviewer)
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    ticks = {"no_state_secrets": True, "no_personal_data": True, "fit_to_publish": True}
    state.task.specific.on_action(state, reviewer, "approve", **ticks)
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.get_latest_revision().approved_go_live_at

    chain.ensure_chain()
    clock.set(9, 0, 40)
    run_worker()
    assert Page.objects.get(pk=page.pk).live
