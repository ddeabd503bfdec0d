"""Failed-login counters per account and per client address, kept in the database.

Stored in the database (not the cache) so every worker process sees the same lockout and a
lockout survives a cache flush; rows are updated under ``select_for_update``.
"""

from django.db import models


class ThrottleKind(models.TextChoices):
    ACCOUNT = "account", "账号"
    ADDRESS = "address", "IP 地址"


class LoginThrottle(models.Model):
    kind = models.CharField("类型", max_length=10, choices=ThrottleKind.choices)
    key = models.CharField("账号或地址", max_length=150)
    failures = models.PositiveIntegerField("连续失败次数", default=0)
    window_started_at = models.DateTimeField("计数开始时间", null=True, blank=True)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "登录限制"
        verbose_name_plural = "登录限制"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_throttle_per_kind_key")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"
