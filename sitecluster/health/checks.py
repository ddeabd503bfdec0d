"""The health checks behind /healthz, ``manage.py healthcheck`` and the 系统状态 panel.

Database and cache are *critical*: without them this web process cannot serve, so /healthz
answers 503 and a load balancer takes the node out of rotation. The worker and the search
engine are shared by every node and have fallbacks (pages still publish by hand; search falls
back to the embedded index), so their failure makes the status ``degraded`` (HTTP 200) unless
the caller asks for ``?strict=1`` (monitoring), which answers 503 on any failure.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field

from django_tasks import default_task_backend

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils import timezone

from .heartbeat import health_setting
from .models import WorkerHeartbeat


@dataclass
class CheckResult:
    name: str
    label: str
    ok: bool
    critical: bool
    detail: str  # Chinese, for the information office (may name hosts and ports)
    error: str = ""  # exception class only: safe to show on the public /healthz
    ms: float = 0.0
    figures: dict = field(default_factory=dict)

    def public(self) -> dict:
        data = {"ok": self.ok, "ms": round(self.ms, 1)}
        if self.error:
            data["error"] = self.error
        data.update(self.figures)
        return data


def _timed(name, label, critical, probe) -> CheckResult:
    started = time.perf_counter()
    try:
        ok, detail, figures = probe()
        error = ""
    except Exception as exc:  # noqa: BLE001 — any failure of a dependency is a failed check
        ok, detail, figures = False, f"{type(exc).__name__}: {exc}", {}
        error = type(exc).__name__
    ms = (time.perf_counter() - started) * 1000
    return CheckResult(name, label, ok, critical, detail, error, ms, figures)


def check_database(alias: str | None = None) -> CheckResult:
    alias = alias or health_setting("DATABASE") or "default"

    def probe():
        connection = connections[alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except Exception:
            # A broken persistent connection must not stay in this thread for the next request.
            connection.close()
            raise
        return True, f"{connection.vendor} 连接正常", {"vendor": connection.vendor}

    return _timed("database", "数据库", True, probe)


def check_caches() -> CheckResult:
    def probe():
        token = uuid.uuid4().hex
        names = list(settings.CACHES)
        for name in names:
            cache = caches[name]
            key = f"sitecluster:healthz:{token}"
            cache.set(key, token, 30)
            if cache.get(key) != token:
                return False, f"缓存 {name} 写入后读不到", {}
            cache.delete(key)
        return True, "读写正常：" + "、".join(names), {"caches": len(names)}

    return _timed("cache", "缓存", True, probe)


def queue_figures() -> dict:
    """Queued and running tasks of django_tasks_db, and the oldest overdue one's wait."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.filter(status="READY")
    overdue = ready.filter(run_after__lte=now).order_by("run_after").first()
    return {
        "queued": ready.filter(run_after__lte=now).count(),
        "scheduled": ready.filter(run_after__gt=now).count(),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
        "oldest_wait_s": round((now - overdue.run_after).total_seconds()) if overdue else 0,
    }


def check_worker() -> CheckResult:
    def probe():
        if not default_task_backend.supports_defer:
            return True, "任务在请求中立即执行（无后台进程）", {"backend": "immediate"}
        stale = health_setting("HEARTBEAT_STALE")
        latest = WorkerHeartbeat.objects.order_by("-beat_at").first()
        figures = queue_figures()
        if latest is None:
            return False, "从未收到后台进程心跳：后台进程未运行或未启动心跳任务", figures
        age = (timezone.now() - latest.beat_at).total_seconds()
        figures["heartbeat_age_s"] = round(age)
        if age > stale:
            return (
                False,
                f"后台进程 {latest.worker_id} 最近心跳在 {round(age)} 秒前（超过 {stale} 秒）",
                figures,
            )
        return True, f"后台进程 {latest.worker_id} {round(age)} 秒前有心跳", figures

    return _timed("worker", "后台任务进程", False, probe)


def check_search() -> CheckResult:
    def probe():
        from search.engines import get_engine, search_settings
        from search.models import SearchDocument

        config = search_settings()
        if config["ENGINE"] == "elasticsearch":
            engine = get_engine()
            info = engine.client.info()
            version = info.get("version", {}).get("number", "")
            return True, f"Elasticsearch {version} 可用", {"engine": "elasticsearch"}
        documents = SearchDocument.objects.count()
        return True, f"内置搜索引擎，{documents} 篇文档", {"engine": "database"}

    return _timed("search", "搜索引擎", False, probe)


def run_checks() -> list[CheckResult]:
    return [check_database(), check_caches(), check_worker(), check_search()]


def overall(results: list[CheckResult]) -> str:
    if any(not r.ok and r.critical for r in results):
        return "fail"
    if any(not r.ok for r in results):
        return "degraded"
    return "ok"


__all__ = [
    "CheckResult",
    "check_caches",
    "check_database",
    "check_search",
    "check_worker",
    "overall",
    "queue_figures",
    "run_checks",
]
