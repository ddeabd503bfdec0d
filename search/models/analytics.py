"""What citizens searched for and what they opened, for the information office's report."""

from django.db import models


class QueryLog(models.Model):
    query = models.CharField("检索词", max_length=200, db_index=True)
    site = models.ForeignKey(
        "tenancy.ClusterSite",
        verbose_name="发起站点",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope_all = models.BooleanField("全区检索", default=True)
    result_count = models.PositiveIntegerField("结果数", default=0)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        indexes = [models.Index(fields=["site", "created_at"], name="search_qlog_site_time")]

    def __str__(self):
        return self.query


class ClickLog(models.Model):
    query = models.CharField("检索词", max_length=200, db_index=True)
    site = models.ForeignKey(
        "tenancy.ClusterSite",
        verbose_name="发起站点",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_id = models.BigIntegerField("页面")
    position = models.PositiveIntegerField("位置", default=0)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "点击记录"
        verbose_name_plural = "点击记录"

    def __str__(self):
        return f"{self.query} → {self.page_id}"
