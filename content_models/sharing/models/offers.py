"""报送 (an item offered to another site) and 分发 (a notice pushed to member sites)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from content_models.articles.models import ArticlePage


class OfferStatus(models.TextChoices):
    PENDING = "pending", "待接收"
    ACCEPTED = "accepted", "已采用"
    DECLINED = "declined", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


class ShareOffer(models.Model):
    """An editor offers a published article of their site to another site (报送).

    Sites are named by their home pages (``tenancy.ClusterSite.root_page``). Accepting creates
    a :class:`~content_models.sharing.models.ReferencePage` in the receiver's chosen column.
    """

    source = models.ForeignKey(
        ArticlePage, verbose_name="报送的文章", on_delete=models.CASCADE, related_name="offers"
    )
    sender_home = models.ForeignKey(
        "wagtailcore.Page", verbose_name="报送站点", on_delete=models.CASCADE, related_name="+"
    )
    receiver_home = models.ForeignKey(
        "wagtailcore.Page", verbose_name="接收站点", on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField("报送说明", blank=True, max_length=500)
    status = models.CharField(
        "状态", max_length=20, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    reason = models.TextField("退回理由", blank=True, max_length=500)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offered_at = models.DateTimeField("报送时间", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    column = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="采用栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reference = models.ForeignKey(
        "sharing.ReferencePage",
        verbose_name="引用页",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "报送"
        verbose_name_plural = "报送"
        ordering = ["-offered_at", "-pk"]
        indexes = [
            models.Index(fields=["receiver_home", "status"]),
            models.Index(fields=["sender_home", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "receiver_home"],
                condition=Q(status="pending"),
                name="sharing_one_pending_offer_per_receiver",
            )
        ]

    def __str__(self):
        return f"报送：{self.source.title}"

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING


class Distribution(models.Model):
    """A notice the portal pushed to member sites (分发); each receiving site has a reference."""

    source = models.ForeignKey(
        ArticlePage,
        verbose_name="分发的文章",
        on_delete=models.CASCADE,
        related_name="distributions",
    )
    sender_home = models.ForeignKey(
        "wagtailcore.Page", verbose_name="分发站点", on_delete=models.CASCADE, related_name="+"
    )
    column_type = models.CharField("目标栏目类型", max_length=20, default="notice")
    target = models.CharField("分发范围", max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分发人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField("分发时间", default=timezone.now)

    class Meta:
        verbose_name = "分发"
        verbose_name_plural = "分发"
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"分发：{self.source.title}"
