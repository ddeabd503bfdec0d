"""Who is signed in where, and which external identity is which local user."""

from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """One Django session of a user on one host; logging out anywhere ends them all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="sso_sessions",
    )
    session_key = models.CharField("会话标识", max_length=40, unique=True)
    host = models.CharField("域名", max_length=253)
    created_at = models.DateTimeField("登录时间", auto_now_add=True)

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"

    def __str__(self):
        return f"{self.user} @ {self.host}"


class ExternalIdentity(models.Model):
    """An identity asserted by an OpenID provider (issuer + subject) bound to a local user."""

    issuer = models.CharField("身份提供方", max_length=255)
    subject = models.CharField("提供方用户标识 (sub)", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    created_at = models.DateTimeField("首次登录", auto_now_add=True)
    last_login_at = models.DateTimeField("最近登录", auto_now=True)

    class Meta:
        verbose_name = "外部身份"
        verbose_name_plural = "外部身份"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject} → {self.user}"
