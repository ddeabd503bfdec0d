"""The tenant of the cluster: one ClusterSite per portal, department, street office or topic site.

Wagtail ``Site`` rows and django-multisite2's ``Site``/``Alias`` rows are derived from it
(see :mod:`sitecluster.tenancy.sync`); nobody edits those tables by hand.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .hostnames import (
    normalise_hostname,
    parse_alias_lines,
    public_root_url,
    validate_hostname,
)


class SiteKind(models.TextChoices):
    PORTAL = "portal", "门户网站"
    DEPARTMENT = "department", "区直部门"
    STREET = "street", "街道（乡镇）"
    TOPIC = "topic", "专题网站"


class SiteStatus(models.TextChoices):
    ACTIVE = "active", "运行中"
    ARCHIVED = "archived", "已归档"


class ClusterSiteQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=SiteStatus.ACTIVE)

    def portal(self):
        return self.filter(kind=SiteKind.PORTAL).order_by("pk").first()


class ClusterSite(index.Indexed, models.Model):
    code = models.SlugField(
        "站点代码",
        max_length=40,
        unique=True,
        help_text="英文小写字母、数字或连字符，如 fgw；用作门户内路径和默认域名。",
    )
    name = models.CharField("站点名称", max_length=100, help_text="如：河东区发展和改革委员会")
    short_name = models.CharField("简称", max_length=40, blank=True, help_text="如：区发改委")
    kind = models.CharField("站点类型", max_length=20, choices=SiteKind.choices)
    status = models.CharField(
        "状态", max_length=20, choices=SiteStatus.choices, default=SiteStatus.ACTIVE
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="主办机构",
        on_delete=models.PROTECT,
        related_name="cluster_sites",
    )
    root_page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="站点首页",
        on_delete=models.PROTECT,
        related_name="cluster_site",
    )
    hostname = models.CharField(
        "主域名",
        max_length=253,
        blank=True,
        validators=[validate_hostname],
        help_text="独立域名（如 fgw.hedong.gov.cn）；留空表示只通过门户路径访问。",
    )
    aliases = models.TextField(
        "旧域名（别名）",
        blank=True,
        help_text="每行一个；访问这些域名将 301 跳转到主域名（无主域名时跳转到门户路径）。",
    )
    mount_path = models.CharField(
        "门户内路径",
        max_length=255,
        blank=True,
        editable=False,
        help_text="由页面树自动得出，如 /bm/fgw/。",
    )
    theme = models.CharField("主题", max_length=60, default="default")
    theme_variables = models.JSONField(
        "主题变量",
        default=dict,
        blank=True,
        help_text="覆盖主题清单中的变量（颜色、标志、横幅、页头样式）；留空使用主题默认值。",
    )
    blueprint = models.CharField(
        "站点模板",
        max_length=60,
        blank=True,
        help_text="创建本站所用的站点模板（内置模板名或信息中心复制的模板代码）。",
    )
    blueprint_version = models.PositiveIntegerField("已应用的模板版本", default=0)
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name="媒体库",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cluster_site",
        help_text="本站图片、文件和站点范围片段所在的媒体库。",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name="审核流程",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cluster_sites",
    )
    archived_at = models.DateTimeField("归档时间", null=True, blank=True, editable=False)
    archived_hostnames = models.TextField(
        "归档前的域名",
        blank=True,
        editable=False,
        help_text="归档时移除的主域名和旧域名（第一行为主域名），恢复时使用。",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    # Site settings shown in every footer (国办秘函〔2019〕19号).
    site_id_code = models.CharField(
        "网站标识码",
        max_length=10,
        blank=True,
        help_text="全国政府网站基本信息数据库分配的 10 位标识码。",
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    undertaker = models.CharField("承办单位", max_length=100, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True)
    police_number = models.CharField("公安备案号", max_length=60, blank=True)
    contact_phone = models.CharField("联系电话", max_length=60, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    address = models.CharField("联系地址", max_length=200, blank=True)
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="横幅图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announcement = models.CharField(
        "顶部提示", max_length=200, blank=True, help_text="显示在每页顶部的一行提示文字。"
    )

    wagtail_site = models.OneToOneField(
        "wagtailcore.Site",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="cluster_site",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ClusterSiteQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
                FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
                FieldPanel("organisation"),
                FieldPanel("root_page"),
                FieldRowPanel(
                    [FieldPanel("status"), FieldPanel("theme"), FieldPanel("sort_order")]
                ),
            ],
            heading="站点",
        ),
        MultiFieldPanel([FieldPanel("hostname"), FieldPanel("aliases")], heading="域名"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("site_id_code"), FieldPanel("sponsor")]),
                FieldRowPanel([FieldPanel("undertaker"), FieldPanel("address")]),
                FieldRowPanel([FieldPanel("icp_number"), FieldPanel("police_number")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
                FieldPanel("banner_image"),
                FieldPanel("announcement"),
            ],
            heading="网站设置",
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "站点"
        verbose_name_plural = "站点"
        ordering = ["sort_order", "pk"]
        # The information office (信息中心): every site, blueprint, theme and user of the cluster.
        permissions = [("manage_cluster", "管理整个站群（信息中心）")]
        constraints = [
            models.UniqueConstraint(
                fields=["hostname"], condition=~Q(hostname=""), name="unique_cluster_hostname"
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="portal"), name="one_portal_per_cluster"
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that removed aliases can be dropped from the routing tables.
        instance._loaded_aliases = instance.__dict__.get("aliases", "")
        return instance

    @property
    def alias_list(self) -> list[str]:
        return parse_alias_lines(self.aliases)

    @property
    def is_active(self) -> bool:
        return self.status == SiteStatus.ACTIVE

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def clean(self):
        super().clean()
        self.hostname = normalise_hostname(self.hostname)
        aliases = self.alias_list
        self.aliases = "\n".join(aliases)
        errors = {}
        for alias in aliases:
            try:
                validate_hostname(alias)
            except ValidationError as exc:
                errors.setdefault("aliases", []).extend(exc.messages)
        if self.hostname and self.hostname in aliases:
            errors.setdefault("aliases", []).append("旧域名不能与主域名相同。")
        if aliases and not self.hostname and self.kind == SiteKind.PORTAL:
            errors.setdefault("aliases", []).append("门户网站必须先设置主域名。")
        taken = self._hostnames_taken_elsewhere()
        if self.hostname and self.hostname in taken:
            errors.setdefault("hostname", []).append(
                f"域名 {self.hostname} 已被站点“{taken[self.hostname]}”使用。"
            )
        for alias in aliases:
            if alias in taken:
                errors.setdefault("aliases", []).append(
                    f"域名 {alias} 已被站点“{taken[alias]}”使用。"
                )
        if self.root_page_id and self.kind != SiteKind.PORTAL:
            portal = ClusterSite.objects.exclude(pk=self.pk).portal()
            if portal and not self.root_page.is_descendant_of(portal.root_page):
                errors.setdefault("root_page", []).append("成员站点的首页必须位于门户网站之下。")
        if errors:
            raise ValidationError(errors)

    def _hostnames_taken_elsewhere(self) -> dict[str, str]:
        taken = {}
        for other in ClusterSite.objects.exclude(pk=self.pk).only("name", "hostname", "aliases"):
            if other.hostname:
                taken[other.hostname] = other.name
            for alias in other.alias_list:
                taken[alias] = other.name
        return taken

    def canonical_url(self, portal: "ClusterSite | None" = None) -> str:
        """The address citizens should use: own hostname, else the portal path."""
        if self.hostname:
            return public_root_url(self.hostname) + "/"
        portal = portal or ClusterSite.objects.portal()
        if portal and portal.hostname and self.mount_path:
            return public_root_url(portal.hostname) + self.mount_path
        return ""


class SiteRole(models.TextChoices):
    ADMIN = "admin", "站点管理员"
    REVIEWER = "reviewer", "审核员"
    EDITOR = "editor", "编辑"


class SiteGroup(models.Model):
    """One of a site's own groups: which auth Group plays which role on which site.

    Per-site permissions hang off these rows (never off group names), so isolation can ask
    "which sites may this user act on?" with one query.
    """

    cluster_site = models.ForeignKey(
        ClusterSite, verbose_name="站点", on_delete=models.CASCADE, related_name="site_groups"
    )
    role = models.CharField("角色", max_length=20, choices=SiteRole.choices)
    group = models.OneToOneField(
        "auth.Group", verbose_name="用户组", on_delete=models.CASCADE, related_name="site_group"
    )

    class Meta:
        verbose_name = "站点用户组"
        verbose_name_plural = "站点用户组"
        ordering = ["cluster_site", "role"]
        constraints = [
            models.UniqueConstraint(fields=["cluster_site", "role"], name="one_group_per_site_role")
        ]

    def __str__(self):
        return f"{self.cluster_site.name} · {self.get_role_display()}"


# Registered here so Django finds the model with the rest of the app's models.
from .cluster_settings import ClusterSettings  # noqa: E402

__all__ = ["ClusterSettings", "ClusterSite", "SiteGroup", "SiteKind", "SiteRole", "SiteStatus"]
