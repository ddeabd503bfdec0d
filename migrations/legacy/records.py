"""What a legacy import has brought in, keyed on the legacy URL (idempotence and resume)."""

from django.db import models


class RecordKind(models.TextChoices):
    PAGE = "page", "文章页面"
    IMAGE = "image", "图片"
    DOCUMENT = "document", "附件"


class LegacyImportRecord(models.Model):
    """One legacy URL of one member site and what it became.

    A URL with a record is never imported again: a second run changes nothing and an interrupted
    run continues with the URLs that have none. Deleting the page, image or document deletes the
    record too, so a later run brings that URL in again.
    """

    cluster_site = models.ForeignKey(
        "tenancy.ClusterSite",
        verbose_name="站点",
        on_delete=models.CASCADE,
        related_name="legacy_import_records",
    )
    legacy_url = models.CharField("旧网址", max_length=1000)
    kind = models.CharField("类型", max_length=20, choices=RecordKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="图片",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="附件",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    content_hash = models.CharField("内容摘要", max_length=64, blank=True)
    legacy_column = models.CharField("旧栏目", max_length=200, blank=True)
    undated = models.BooleanField(
        "无发布日期", default=False, help_text="旧页面没有发布日期，已作为草稿导入，需人工补充。"
    )
    pending_links = models.JSONField(
        "待改写的站内链接", default=list, blank=True, help_text="尚未导入的旧文章网址。"
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "旧网站导入记录"
        verbose_name_plural = "旧网站导入记录"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_site", "legacy_url"], name="unique_legacy_url_per_site"
            )
        ]
        indexes = [models.Index(fields=["cluster_site", "kind", "content_hash"])]

    def __str__(self):
        return self.legacy_url
