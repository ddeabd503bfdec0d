"""The maintenance log (维护日志): one entry per backup, restore or pruning run.

Entries survive a restore: :func:`sitecluster.backups.restore.restore_backup` reads the log
before replacing the database and writes it back afterwards, so the record of what was done to
the system is never rolled back with the content.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class Operation(models.TextChoices):
    BACKUP = "backup", "备份"
    RESTORE = "restore", "恢复"
    PRUNE = "prune", "清理过期备份"


class Outcome(models.TextChoices):
    RUNNING = "running", "进行中"
    SUCCEEDED = "succeeded", "成功"
    FAILED = "failed", "失败"
    REFUSED = "refused", "已拒绝"


class MaintenanceLogEntry(models.Model):
    run_id = models.UUIDField("运行编号", default=uuid.uuid4, unique=True, editable=False)
    operation = models.CharField("操作", max_length=20, choices=Operation.choices)
    outcome = models.CharField(
        "结果", max_length=20, choices=Outcome.choices, default=Outcome.RUNNING
    )
    # A username, not a foreign key: the entry must survive restoring a database without the user.
    actor = models.CharField("操作人", max_length=150, blank=True, help_text="空表示定时任务")
    started_at = models.DateTimeField("开始时间", default=timezone.now, db_index=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    archive = models.CharField("备份文件", max_length=255, blank=True)
    size = models.BigIntegerField("大小（字节）", null=True, blank=True)
    progress = models.CharField("进度", max_length=200, blank=True)
    message = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "维护日志"
        verbose_name_plural = "维护日志"
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.get_operation_display()} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at

    def finish(self, outcome: str, message: str = "", **fields) -> None:
        self.outcome = outcome
        self.finished_at = timezone.now()
        if message:
            self.message = message
        for name, value in fields.items():
            setattr(self, name, value)
        self.save()
