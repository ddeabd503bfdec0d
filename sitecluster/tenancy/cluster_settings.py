"""Cluster-wide switches the information office flips for every site at once."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cogs")
class ClusterSettings(BaseGenericSetting):
    """置灰 (national mourning): every page of every site turns grey, optionally until a time."""

    mourning_enabled = models.BooleanField(
        "全站置灰",
        default=False,
        help_text="开启后站群内所有网站页面以灰色显示（国家公祭日、重大哀悼活动）。",
    )
    mourning_until = models.DateTimeField(
        "置灰结束时间",
        null=True,
        blank=True,
        help_text="到达该时间后自动恢复彩色显示；留空表示一直置灰直到手动关闭。",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("mourning_enabled"), FieldPanel("mourning_until")], heading="置灰"
        )
    ]

    class Meta:
        verbose_name = "站群设置"
        verbose_name_plural = "站群设置"

    def mourning_active(self, now=None) -> bool:
        if not self.mourning_enabled:
            return False
        return self.mourning_until is None or (now or timezone.now()) < self.mourning_until
