"""公众账号: a registered citizen. Citizens never get admin access."""

from django.conf import settings
from django.db import models


class CitizenProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="citizen_profile",
    )
    mobile = models.CharField("手机号码", max_length=20, blank=True, db_index=True)
    registered_at = models.DateTimeField("注册时间", auto_now_add=True)

    class Meta:
        verbose_name = "公众账号"
        verbose_name_plural = "公众账号"

    def __str__(self):
        return str(self.user)
