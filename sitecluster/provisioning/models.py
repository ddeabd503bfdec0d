"""What provisioning remembers: blueprint copies, which page came from which blueprint column,
and what was live when a site was archived."""

from __future__ import annotations

import dataclasses

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .blueprints import BlueprintError, builtin_blueprint_names, parse_blueprint


class SiteBlueprint(models.Model):
    """A blueprint the information office copied from a built-in one (or another copy) and edits."""

    code = models.SlugField(
        "模板代码",
        max_length=60,
        unique=True,
        help_text="英文小写字母、数字或连字符，如 department-2026；创建站点时用它选择模板。",
    )
    title = models.CharField("模板名称", max_length=100)
    based_on = models.CharField("复制自", max_length=60, blank=True, editable=False)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    definition = models.TextField(
        "模板定义（TOML）",
        help_text="栏目树、默认页面、主题、站点设置、用户组权限和审核流程；格式见《站群管理指南》。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("code")]),
        FieldPanel("definition"),
    ]

    class Meta:
        verbose_name = "站点模板"
        verbose_name_plural = "站点模板"
        ordering = ["code"]

    def __str__(self):
        return f"{self.title}（{self.code}）"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = (instance.__dict__.get("title"), instance.__dict__.get("definition"))
        instance._loaded_code = instance.__dict__.get("code")
        return instance

    def clean(self):
        super().clean()
        if self.code in builtin_blueprint_names():
            raise ValidationError({"code": f"“{self.code}”是内置模板的名称，请换一个代码。"})
        old_code = getattr(self, "_loaded_code", None)
        used = self.sites_using(old_code) if old_code and old_code != self.code else 0
        if used:
            message = f"已有 {used} 个站点使用模板 {old_code}，不能修改代码。"
            raise ValidationError({"code": message})
        try:
            self.as_blueprint()
        except BlueprintError as exc:
            raise ValidationError({"definition": exc.chinese}) from exc

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None)
        if self.pk and loaded and loaded != (self.title, self.definition):
            self.version += 1  # every edit is a new version that can be rolled out
        super().save(*args, **kwargs)
        self._loaded = (self.title, self.definition)

    @staticmethod
    def sites_using(code: str) -> int:
        from sitecluster.tenancy.models import ClusterSite

        return ClusterSite.objects.filter(blueprint=code).count()

    def as_blueprint(self):
        blueprint = parse_blueprint(self.definition or "", self.code or "copy", where=self.code)
        return dataclasses.replace(
            blueprint, version=self.version, builtin=False, title=self.title or blueprint.title
        )


class BlueprintColumn(models.Model):
    """A page a blueprint created on a site: its column path and whether it is locked.

    The row outlives its page (``page`` becomes null) so a rollout can tell a locked column
    that went missing (restore it) from an unlocked one the site removed (leave it).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blueprint_column",
    )
    cluster_site = models.ForeignKey(
        "tenancy.ClusterSite",
        verbose_name="站点",
        on_delete=models.CASCADE,
        related_name="blueprint_columns",
    )
    path = models.CharField("栏目路径", max_length=255, blank=True, help_text="如 zfxxgk/xxgkzn")
    title = models.CharField("模板中的名称", max_length=255)
    slug = models.SlugField("模板中的代码", max_length=255, allow_unicode=True)
    locked = models.BooleanField("锁定", default=False)

    class Meta:
        verbose_name = "模板栏目"
        verbose_name_plural = "模板栏目"
        constraints = [
            models.UniqueConstraint(fields=["cluster_site", "path"], name="one_column_per_path")
        ]

    def __str__(self):
        return f"{self.cluster_site_id}:{self.path or '/'}"


class SiteArchive(models.Model):
    """What was live when a site was archived, so restoring can republish exactly that."""

    cluster_site = models.OneToOneField(
        "tenancy.ClusterSite",
        on_delete=models.CASCADE,
        related_name="archive",
    )
    live_revisions = models.JSONField(default=list)  # [[page_id, revision_id], ...]
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "站点归档记录"
        verbose_name_plural = "站点归档记录"

    def __str__(self):
        return f"{self.cluster_site_id}: {len(self.live_revisions)} pages"
