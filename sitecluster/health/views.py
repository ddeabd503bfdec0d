"""系统状态: the information office's view of the same checks as /healthz, with the task queue."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import default_task_backend

from django.apps import apps
from django.utils import timezone
from django.views.generic import TemplateView

from sitecluster.provisioning.views.base import OfficeOnlyMixin

from .checks import overall, run_checks
from .models import WorkerHeartbeat

STATUS_LABELS = {"ok": "正常", "degraded": "部分异常", "fail": "故障"}
CHART_BUCKETS = 24  # bars of the finished-tasks chart
CHART_BUCKET = timedelta(minutes=15)
CHART_HEIGHT = 60


def finished_task_chart(now=None) -> dict | None:
    """Tasks finished per quarter hour over the last six hours, as bars for an inline SVG."""
    if not default_task_backend.supports_defer:
        return None
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    start = now - CHART_BUCKET * CHART_BUCKETS
    counts = [0] * CHART_BUCKETS
    finished = DBTaskResult.objects.filter(finished_at__gt=start).values_list(
        "finished_at", flat=True
    )
    for moment in finished:
        index = min(CHART_BUCKETS - 1, int((moment - start) / CHART_BUCKET))
        counts[index] += 1
    peak = max(counts) or 1
    bars = []
    for index, count in enumerate(counts):
        height = round(CHART_HEIGHT * count / peak)
        label = timezone.localtime(start + CHART_BUCKET * index).strftime("%H:%M")
        bars.append(
            {"x": index * 12, "y": CHART_HEIGHT - height, "h": height, "n": count, "label": label}
        )
    return {
        "bars": bars,
        "peak": max(counts),
        "total": sum(counts),
        "width": CHART_BUCKETS * 12,
        "height": CHART_HEIGHT,
    }


def last_backup():
    """The newest backup run in the maintenance log (sitecluster.backups), when installed."""
    try:
        log = apps.get_model("backups", "MaintenanceLogEntry")
    except LookupError:
        return None
    return log.objects.filter(operation="backup").order_by("-started_at").first()


class StatusView(OfficeOnlyMixin, TemplateView):
    page_title = "系统状态"
    header_icon = "pick"
    template_name = "health/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = run_checks()
        status = overall(results)
        worker = next(r for r in results if r.name == "worker")
        context.update(
            results=results,
            status=status,
            status_label=STATUS_LABELS[status],
            queue=worker.figures,
            workers=WorkerHeartbeat.objects.all()[:10],
            chart=finished_task_chart(),
            last_backup=last_backup(),
            checked_at=timezone.localtime(),
        )
        return context
