"""Columns (栏目): the sections every government site is inspected against."""

from datetime import timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q

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


def listed_pages(condition: Q):
    """Live public articles and 引用 pages matching ``condition``, newest first (one query).

    A 引用 (``sharing.ReferencePage``) counts only while its source article is live and public;
    rows are plain ``Page`` objects annotated with ``publish_at`` and ``listed_title`` (the
    source's title for a reference), so templates show the source's current title and date.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from django.db.models.functions import Coalesce

    article_model = apps.get_model("articles", "ArticlePage")
    private = Page.objects.private_q()  # one query, used for the pages and their sources
    kinds = Q(content_type=ContentType.objects.get_for_model(article_model))
    annotations = {"publish_at": F("articlepage__publish_at"), "listed_title": F("title")}
    try:
        reference_model = apps.get_model("sharing", "ReferencePage")
    except LookupError:
        reference_model = None
    if reference_model is not None:
        kinds |= Q(
            content_type=ContentType.objects.get_for_model(reference_model),
            referencepage__source__in=article_model.objects.live().exclude(private).values("pk"),
        )
        annotations = {
            "publish_at": Coalesce(
                F("articlepage__publish_at"), F("referencepage__source__publish_at")
            ),
            "listed_title": Coalesce(F("referencepage__source__title"), F("title")),
        }
    return (
        Page.objects.live()
        .exclude(private)
        .filter(condition)
        .filter(kinds)
        .annotate(**annotations)
        .order_by("-publish_at", "-pk")
        .only("id", "title", "url_path", "path", "depth", "slug", "content_type_id")
    )


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
        # 站点共享: 引用 and 汇总 (issue 7)
        "sharing.ReferencePage",
        "sharing.AggregateColumnPage",
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
            # articles and 引用 pages are the dated items below, not profiles
            .exclude(content_type__model__in=["articlepage", "referencepage"])
            .order_by("path")
        )
        context["items"] = self.paginate(request, self.listed_items())
        return context

    def listed_items(self):
        return listed_pages(Q(path__startswith=self.path, depth=self.depth + 1))

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, self.per_page or 20)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)
