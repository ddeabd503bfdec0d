"""A user's TOTP authenticator (RFC 6238, 30-second steps, 6 digits)."""

from django.conf import settings
from django.db import models


class TOTPDevice(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="totp_device",
    )
    secret = models.CharField("密钥", max_length=64)
    confirmed_at = models.DateTimeField("启用时间", null=True, blank=True)
    # The last accepted time step: a code is never accepted twice (replay).
    last_step = models.BigIntegerField("最近使用的时间步", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "动态验证码设备"
        verbose_name_plural = "动态验证码设备"

    def __str__(self):
        return f"{self.user} 的动态验证码"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
