from django.db import models


class SchedulerChain(models.Model):
    """The one queued run of a self-rescheduling task: which task result carries the chain.

    A row per chain (``key``); ``result_id`` is the django-tasks result that will run next.
    Every run and every ``ensure_chain()`` locks the row, so two chains can never both go on.
    """

    key = models.CharField("任务", max_length=100, primary_key=True)
    result_id = models.UUIDField("下一次运行", null=True, blank=True)
    run_after = models.DateTimeField("计划时间", null=True, blank=True)
    last_run_at = models.DateTimeField("上次运行", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "定时任务链"
        verbose_name_plural = "定时任务链"

    def __str__(self):
        return self.key
