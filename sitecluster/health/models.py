"""The worker heartbeat: one row per background worker, updated while it runs."""

from django.db import models


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField("后台进程", max_length=64, unique=True)
    beat_at = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "后台进程心跳"
        verbose_name_plural = "后台进程心跳"
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.worker_id} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


__all__ = ["WorkerHeartbeat"]
