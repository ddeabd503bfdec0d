"""政府信息公开年报: one page per body per year (or the district's, aggregating its bodies)."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from content_models.core.models import BasePage

from .statistics import compute_figures

NARRATIVE_FEATURES = ["bold", "ol", "ul", "link"]
# Table 四 (行政复议、行政诉讼): entered by staff.
REVIEW_GROUPS = [
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼（未经复议直接起诉）"),
    ("suit_after_review", "行政诉讼（复议后起诉）"),
]
REVIEW_RESULTS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
]


class ReportScope(models.TextChoices):
    BODY = "body", "本机关"
    DISTRICT = "district", "全区汇总"


class AnnualReportIndexPage(BasePage):
    """政府信息公开年报 column: the reports of this site, newest year first."""

    intro = models.TextField("说明", blank=True, max_length=500)
    blueprint_page_type = "annual_report_index"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = ["disclosure_reports.AnnualReportPage"]

    class Meta:
        verbose_name = "政府信息公开年报栏目"
        verbose_name_plural = "政府信息公开年报栏目"

    def __str__(self):
        return self.title

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "disclosure"

    def get_column_type_display(self):
        return "信息公开"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = list(
            AnnualReportPage.objects.child_of(self).live().public().order_by("-year", "-pk")
        )
        return context


class AnnualReportPage(RoutablePageMixin, BasePage):
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField(
        "范围", max_length=20, choices=ReportScope.choices, default=ReportScope.BODY
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空则使用本站点的主办机构。",
    )
    overview = RichTextField("一、总体情况", features=NARRATIVE_FEATURES, blank=True)
    problems = RichTextField(
        "五、存在的主要问题及改进情况", features=NARRATIVE_FEATURES, blank=True
    )
    other_matters = RichTextField("六、其他需要报告的事项", features=NARRATIVE_FEATURES, blank=True)
    permits = models.PositiveIntegerField("行政许可：本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚：本年处理决定数量", default=0)
    enforcement = models.PositiveIntegerField("行政强制：本年处理决定数量", default=0)
    fees = models.DecimalField(
        "行政事业性收费：本年收费金额（万元）", max_digits=12, decimal_places=2, default=0
    )
    recompute = models.BooleanField(
        "保存时重新统计",
        default=True,
        help_text="勾选后，每次保存都按最新数据重新统计表格；定稿发布后可取消勾选以固定数字。",
    )
    figures = models.JSONField("统计数据", default=dict, blank=True, editable=False)
    computed_at = models.DateTimeField("统计时间", null=True, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("scope"), FieldPanel("organisation")]),
        FieldPanel("recompute"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("permits"), FieldPanel("penalties")]),
                FieldRowPanel([FieldPanel("enforcement"), FieldPanel("fees")]),
            ],
            heading="二、主动公开政府信息情况（其余数字自动统计）",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(f"{group}_{result}") for result, _ in REVIEW_RESULTS])
                for group, _ in REVIEW_GROUPS
            ],
            heading="四、政府信息公开行政复议、行政诉讼情况",
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]
    parent_page_types = ["disclosure_reports.AnnualReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "政府信息公开年报"
        verbose_name_plural = "政府信息公开年报"

    def __str__(self):
        return self.title

    def get_meta_column(self):
        return self.get_parent().specific

    # -- scope and figures -------------------------------------------------------------------
    def body(self):
        if self.organisation_id:
            return self.organisation
        from content_models.disclosure.models import organisation_for_path

        return organisation_for_path(self.path) if self.path else None

    def organisation_ids(self):
        """None for the district report (every body); otherwise this body only."""
        if self.scope == ReportScope.DISTRICT:
            return None
        body = self.body()
        return [body.pk] if body else []

    def refresh_figures(self) -> None:
        self.figures = compute_figures(self.organisation_ids(), self.year)
        if self.scope == ReportScope.DISTRICT:
            self.figures["bodies"] = self.body_breakdown()
        self.computed_at = timezone.now()

    def body_breakdown(self) -> list[dict]:
        from content_models.organisations.models import Organisation

        rows = []
        for organisation in Organisation.objects.filter(cluster_sites__isnull=False).distinct():
            figures = compute_figures([organisation.pk], self.year)
            table = {row["label"]: row["values"][-1] for row in figures["requests"]["rows"]}
            rows.append(
                {
                    "name": organisation.name,
                    "published": figures["documents"]["all_published"],
                    "new_requests": table["一、本年新收政府信息公开申请数量"],
                    "closed": table["三、本年度办理结果 （七）总计"],
                }
            )
        return rows

    def review_rows(self) -> list[dict]:
        rows = []
        for group, label in REVIEW_GROUPS:
            values = [getattr(self, f"{group}_{result}") for result, _ in REVIEW_RESULTS]
            rows.append({"label": label, "values": [*values, sum(values)]})
        return rows

    def clean(self):
        super().clean()
        if not 2008 <= (self.year or 0) <= timezone.localdate().year:
            raise ValidationError({"year": "年度应在 2008 年（条例施行）至今年之间。"})

    def save(self, *args, **kwargs):
        if self.recompute or not self.figures:
            self.refresh_figures()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        if obj.recompute:
            obj.figures = {}  # recomputed on save
        return obj

    # -- download ----------------------------------------------------------------------------
    @path("xlsx/")
    def xlsx(self, request):
        from .spreadsheet import report_workbook

        buffer = io.BytesIO()
        report_workbook(self).save(buffer)
        filename = f"{self.title}.xlsx"
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        return response


for _group, _group_label in REVIEW_GROUPS:
    for _result, _result_label in REVIEW_RESULTS:
        AnnualReportPage.add_to_class(
            f"{_group}_{_result}",
            models.PositiveIntegerField(f"{_group_label}：{_result_label}", default=0),
        )

__all__ = ["AnnualReportIndexPage", "AnnualReportPage", "ReportScope"]
