"""Columns (栏目): the sections every government site is inspected against."""

from datetime import timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content_models.core.blocks import BodyStreamBlock
from content_models.core.models import BasePage


class ColumnType(models.TextChoices):
    """The kind of column; 国办秘函〔2019〕19号 sets update rules per kind."""

    DYNAMIC = "dynamic", "动态要闻"
    NOTICE = "notice", "通知公告"
    POLICY = "policy", "政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    OVERVIEW = "overview", "机构概况"
    DISCLOSURE = "disclosure", "信息公开"
    SERVICE = "service", "办事服务"
    INTERACTION = "interaction", "互动交流"
    STATIC = "static", "单页栏目"


# How long a column may go without an update before inspection counts it stale.
STALE_AFTER = {
    ColumnType.DYNAMIC: timedelta(weeks=2),
    ColumnType.NOTICE: timedelta(days=183),
    ColumnType.POLICY: timedelta(days=183),
    ColumnType.INTERPRETATION: timedelta(days=183),
}


class ColumnPage(BasePage):
    column_type = models.CharField(
        "栏目类型", max_length=20, choices=ColumnType.choices, default=ColumnType.DYNAMIC
    )
    intro = models.TextField("栏目说明", blank=True, max_length=500)
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="栏目正文",
        blank=True,
        help_text="单页栏目（如政府信息公开指南）在此填写内容；列表栏目可留空。",
    )
    per_page = models.PositiveSmallIntegerField("每页条数", default=20)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("column_type"), FieldPanel("per_page")]),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("column_type"),
    ]
    parent_page_types = ["home.PortalHomePage", "home.MemberSiteHomePage", "columns.ColumnPage"]
    subpage_types = [
        "columns.ColumnPage",
        "articles.ArticlePage",
        "organisations.InstitutionFunctionsPage",
        "organisations.LeaderProfilePage",
        # 政府信息公开 (issue 4)
        "disclosure.DisclosureDocumentPage",
        "disclosure.DisclosureContentPage",
        "disclosure.DisclosureCataloguePage",
        "disclosure.DisclosureBodyDirectoryPage",
        "disclosure_reports.AnnualReportIndexPage",
        "disclosure_requests.DisclosureRequestFormPage",
        # 互动交流 (issue 9)
        "interaction.MailboxPage",
        "interaction.LetterListPage",
        "interaction.ConsultationIndexPage",
    ]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def get_meta_column(self):
        return self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = Page.objects.child_of(self).live().public().specific(defer=True)
        context["subcolumns"] = list(children.type(ColumnPage).order_by("path"))
        context["profiles"] = list(
            children.not_type(ColumnPage)
            .exclude(content_type__model="articlepage")
            .order_by("path")
        )
        context["items"] = self.paginate(request, self.listed_items())
        return context

    def listed_items(self):
        from django.apps import apps

        article_model = apps.get_model("articles", "ArticlePage")
        return (
            article_model.objects.child_of(self)
            .live()
            .public()
            .order_by("-publish_at", "-pk")
            .only("id", "title", "url_path", "path", "depth", "publish_at", "source", "slug")
        )

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, self.per_page or 20)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)
