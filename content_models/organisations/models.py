"""Issuing bodies (机构) and the pages that describe them: 机构职能 and 领导信息."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from content_models.core.blocks import BodyStreamBlock
from content_models.core.models import BasePage

from .validators import validate_index_number_format, validate_uscc

DEFAULT_INDEX_NUMBER_FORMAT = "{prefix}/{year}-{serial:05d}"


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    STREET = "street", "街道办事处"
    INSTITUTION = "institution", "事业单位"
    OTHER = "other", "其他"


class Organisation(index.Indexed, models.Model):
    """An issuing organisation (发布机构) with its 统一社会信用代码."""

    name = models.CharField("机构全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    org_type = models.CharField(
        "机构类型",
        max_length=20,
        choices=OrganisationType.choices,
        default=OrganisationType.DEPARTMENT,
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # 索引号 rule (政府信息公开): prefix + year + a per-body-per-year serial.
    index_number_prefix = models.CharField(
        "索引号前缀",
        max_length=40,
        blank=True,
        help_text="留空则使用统一社会信用代码；如 000014349。",
    )
    index_number_format = models.CharField(
        "索引号格式",
        max_length=80,
        default=DEFAULT_INDEX_NUMBER_FORMAT,
        validators=[validate_index_number_format],
        help_text="可用占位符：{prefix} 前缀、{year} 年份、{serial} 流水号"
        "（{serial:05d} 表示补足 5 位）。已分配的索引号不会因修改格式而改变。",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("org_type"), FieldPanel("credit_code")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("office_hours"), FieldPanel("postcode")]),
        MultiFieldPanel(
            [FieldPanel("index_number_prefix"), FieldPanel("index_number_format")],
            heading="政府信息公开索引号规则",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("credit_code"),
    ]

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.credit_code = (self.credit_code or "").strip().upper()
        self.index_number_prefix = (self.index_number_prefix or "").strip()

    def format_index_number(self, year: int, serial: int) -> str:
        """The 索引号 for the ``serial``-th document this body published in ``year``."""
        return (self.index_number_format or DEFAULT_INDEX_NUMBER_FORMAT).format(
            prefix=self.index_number_prefix or self.credit_code, year=year, serial=serial
        )


class InstitutionFunctionsPage(BasePage):
    """机构职能: functions, internal bodies and contact details of the site's organisation."""

    body = StreamField(BodyStreamBlock(), verbose_name="主要职责", blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("office_hours")]),
            ],
            heading="联系方式",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = "机构职能页"
        verbose_name_plural = "机构职能页"

    def get_meta_column(self):
        return self.get_parent().specific


class LeaderProfilePage(BasePage):
    """领导信息: one leader's position, portrait, responsibilities and résumé."""

    position = models.CharField("职务", max_length=100)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsibilities = models.TextField("工作分工", blank=True)
    resume = RichTextField("个人简历", blank=True, features=["bold", "ol", "ul", "link"])

    content_panels = BasePage.content_panels + [
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("responsibilities"),
        FieldPanel("resume"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("position"),
        index.SearchField("responsibilities"),
        index.SearchField("resume"),
    ]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = "领导信息页"
        verbose_name_plural = "领导信息页"

    def get_meta_column(self):
        return self.get_parent().specific
