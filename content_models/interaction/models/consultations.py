"""意见征集: a draft policy open for comment between two dates, moderated comments, and the
summary of adopted opinions (采纳情况) published on the page after it closes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content_models.core.blocks import BodyStreamBlock
from content_models.core.models import BasePage

from .mailboxes import INTERACTION_PARENTS, InteractionPageMixin, site_home_of


class ConsultationIndexPage(InteractionPageMixin, BasePage):
    """The 意见征集 column: consultations open now, coming up and closed."""

    intro = models.TextField("说明", blank=True, max_length=500)

    blueprint_page_type = "consultation_index"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = INTERACTION_PARENTS
    subpage_types = ["interaction.ConsultationPage"]

    class Meta:
        verbose_name = "意见征集栏目"
        verbose_name_plural = "意见征集栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        consultations = (
            ConsultationPage.objects.child_of(self).live().public().order_by("-opens_on", "-pk")
        )
        context["open_consultations"] = consultations.filter(
            opens_on__lte=today, closes_on__gte=today
        )
        context["upcoming_consultations"] = consultations.filter(opens_on__gt=today)
        context["closed_consultations"] = consultations.filter(closes_on__lt=today)
        return context


class ConsultationPage(InteractionPageMixin, RoutablePageMixin, BasePage):
    organiser = models.CharField(
        "征集单位", max_length=100, blank=True, help_text="留空则为本站点的主办机构。"
    )
    intro = models.TextField("征集说明", blank=True, max_length=2000)
    body = StreamField(BodyStreamBlock(), verbose_name="征求意见稿", blank=True)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="征求意见稿文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_on = models.DateField("开始日期", default=timezone.localdate)
    closes_on = models.DateField("截止日期", help_text="当日 24 时截止。")
    summary = RichTextField(
        "采纳情况", blank=True, help_text="征集结束后发布：意见总体情况和采纳情况说明。"
    )
    summary_published_on = models.DateField("采纳情况发布日期", null=True, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("draft_document"),
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("summary_published_on")],
            heading="采纳情况（截止后填写）",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("summary"),
    ]
    parent_page_types = ["interaction.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "截止日期不能早于开始日期。"})
        if self.summary and self.closes_on and self.closes_on >= timezone.localdate():
            raise ValidationError({"summary": "征集尚未结束，截止后才能发布采纳情况。"})
        if self.summary and not self.summary_published_on:
            self.summary_published_on = timezone.localdate()

    def site_home(self) -> Page:
        return site_home_of(self)

    def organiser_name(self) -> str:
        if self.organiser:
            return self.organiser
        site = getattr(self.site_home(), "cluster_site", None)
        return site.name if site is not None else ""

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    def get_status_display(self) -> str:
        return {"upcoming": "未开始", "open": "征集中", "closed": "已结束"}[self.status]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def summary_visible(self) -> bool:
        return self.status == "closed" and bool(self.summary)

    @path("")
    def consultation(self, request):
        from ..public_views import consultation_page

        return consultation_page(self, request)

    @path("captcha/")
    def captcha(self, request):
        from ..public_views import captcha_image

        return captcha_image(request, request.GET.get("t", ""))


class CommentState(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"


class Adoption(models.TextChoices):
    UNDECIDED = "", "未处理"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class ConsultationComment(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name="意见征集",
        on_delete=models.CASCADE,
        related_name="comments",
    )
    site_home = models.ForeignKey(
        "wagtailcore.Page", verbose_name="站点", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100)
    text = models.TextField("意见建议", max_length=3000)
    state = models.CharField(
        "审核状态",
        max_length=20,
        choices=CommentState.choices,
        default=CommentState.PENDING,
        db_index=True,
    )
    adoption = models.CharField(
        "采纳情况", max_length=20, choices=Adoption.choices, default="", blank=True
    )
    adoption_note = models.TextField("采纳说明", blank=True, max_length=1000)
    suspected_spam = models.BooleanField("疑似垃圾信息", default=False)
    spam_reason = models.CharField("判定依据", max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["site_home", "state"])]

    def __str__(self):
        return f"{self.consultation.title}：{self.text[:20]}"
