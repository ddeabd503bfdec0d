"""引用 (a reference to another site's article) and 汇总 (a column of many sites' latest items)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.http import Http404

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from content_models.articles.models import ArticlePage
from content_models.columns.models import ColumnPage, ColumnType
from content_models.core.models import BasePage

from ..sites import ACTIVE, site_home_of, site_homes_for_paths, site_is_active, site_name

# tenancy.SiteKind without the portal, spelt out: models do not import sitecluster.
MEMBER_KINDS = [("department", "区直部门"), ("street", "街道（乡镇）"), ("topic", "专题网站")]


class ReferencePage(BasePage):
    """引用页: shows the current content of one article of another column or site, never a copy.

    The page holds only the link to its source. Title, date and body are read from the source
    at every rendering; when the source is not live and public (or its site is archived) the
    page answers 404 and no list shows it. The canonical link points at the source.
    """

    source = models.ForeignKey(
        ArticlePage,
        verbose_name="引用的文章",
        null=True,
        on_delete=models.SET_NULL,
        related_name="references",
        help_text="被引用的文章；原文的修改和撤销发布会立即反映在引用处。",
    )
    distribution = models.ForeignKey(
        "sharing.Distribution",
        verbose_name="门户分发",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="references",
        help_text="由门户分发的通知：本站可以隐藏（撤销发布），不能修改。",
    )

    content_panels = BasePage.content_panels + [
        PageChooserPanel("source", page_type="articles.ArticlePage")
    ]
    # The unified search indexes the source; a reference must not be a second hit.
    search_indexed = False
    search_fields = []
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = "引用页"
        verbose_name_plural = "引用页"

    def get_meta_column(self):
        if not hasattr(self, "_meta_column"):
            self._meta_column = self.get_parent().specific
        return self._meta_column

    @property
    def is_distributed(self) -> bool:
        return self.distribution_id is not None

    def visible_source(self) -> ArticlePage | None:
        """The source when citizens may see it: live, public and on an active site."""
        if not hasattr(self, "_visible_source"):
            source = None
            if self.source_id:
                source = ArticlePage.objects.live().public().filter(pk=self.source_id).first()
            if source is not None:
                source.home = site_home_of(source)
                if not site_is_active(source.home):
                    source = None
            self._visible_source = source
        return self._visible_source

    def clean(self):
        super().clean()
        if self.source_id and not ArticlePage.objects.live().filter(pk=self.source_id).exists():
            raise ValidationError({"source": "只能引用已发布的文章。"})

    def get_sitemap_urls(self, request=None):
        """None: sitemaps list canonical addresses, and a reference's is its source's."""
        return []

    def serve(self, request, *args, **kwargs):
        if self.visible_source() is None:
            raise Http404("The referenced article is not published.")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = self.visible_source()
        context["source"] = source
        context["source_site_name"] = site_name(source.home) if source else ""
        context["source_column"] = source.get_parent() if source else None
        context["tags"] = list(source.tags.all()) if source else []
        # The source's own address (its site's hostname), not the one relative to this host.
        context["source_url"] = source.get_full_url() if source else ""
        return context

    def get_meta_description(self) -> str:
        source = self.visible_source()
        return (source.get_meta_description() if source else "") or ""


class AggregateColumnPage(BasePage):
    """汇总栏目: the latest items of chosen sites' columns of one type (e.g. 各部门动态)."""

    column_type = models.CharField(
        "汇总的栏目类型",
        max_length=20,
        choices=ColumnType.choices,
        default=ColumnType.DYNAMIC,
        help_text="从所选站点中汇总这一类型的栏目（如“动态要闻”汇总各站的工作动态）。",
    )
    site_kind = models.CharField(
        "成员站点类型",
        max_length=20,
        choices=MEMBER_KINDS,
        blank=True,
        help_text="未选择汇总来源时，汇总本站之下这一类型的所有成员站点；留空为全部成员站点。",
    )
    intro = models.TextField("栏目说明", blank=True, max_length=500)
    per_page = models.PositiveSmallIntegerField("每页条数", default=20)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("column_type"), FieldPanel("site_kind"), FieldPanel("per_page")]),
        FieldPanel("intro"),
        InlinePanel(
            "sources",
            label="汇总来源",
            help_text="选择站点目录（如“部门”，即其下所有站点）、站点首页或具体栏目；"
            "不选则按“成员站点类型”汇总本站之下的成员站点。",
        ),
    ]
    parent_page_types = ["home.PortalHomePage", "home.MemberSiteHomePage", "columns.ColumnPage"]
    subpage_types = []
    # sitecluster.provisioning builds it from a blueprint's ``page_type = "aggregate_column"``.
    blueprint_page_type = "aggregate_column"
    blueprint_defaults = {"show_in_menus": True}

    class Meta:
        verbose_name = "汇总栏目"
        verbose_name_plural = "汇总栏目"

    def get_meta_column(self):
        return self

    def source_columns(self):
        """Live columns whose items this page lists (a queryset, used as a subquery)."""
        chosen = [row.page for row in self.sources.select_related("page") if row.page_id]
        if not chosen:
            chosen = self.member_homes()
        if not chosen:
            return ColumnPage.objects.none()
        column_type_id = ContentType.objects.get_for_model(ColumnPage).pk
        condition = Q()
        for page in chosen:
            if page.content_type_id == column_type_id:
                condition |= Q(pk=page.pk)
            else:
                condition |= Q(path__startswith=page.path, depth__gt=page.depth)
        return (
            ColumnPage.objects.live()
            .filter(condition, column_type=self.column_type)
            .exclude(path__startswith=self.path)
        )

    def member_homes(self) -> list[Page]:
        """Home pages of the active member sites below this page's site (of ``site_kind``)."""
        home = site_home_of(self)
        if home is None:
            return []
        homes = Page.objects.filter(
            cluster_site__isnull=False,
            cluster_site__status=ACTIVE,
            path__startswith=home.path,
            depth__gt=home.depth,
        )
        if self.site_kind:
            homes = homes.filter(cluster_site__kind=self.site_kind)
        return list(homes.only("id", "path", "depth", "content_type_id"))

    def listed_items(self):
        """Live public articles directly inside the source columns, newest first (one query)."""
        parent_path = Substr("path", 1, (F("depth") - 1) * Page.steplen)
        return (
            ArticlePage.objects.live()
            .public()
            .annotate(parent_path=parent_path)
            .filter(parent_path__in=self.source_columns().values("path"))
            .order_by("-publish_at", "-pk")
            .only("id", "title", "url_path", "path", "depth", "publish_at", "slug")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listed_items(), self.per_page or 20)
        try:
            items = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        homes = site_homes_for_paths(item.path for item in items)
        for item in items:
            item.source_site_name = site_name(homes.get(item.path))
        context["items"] = items
        return context


class AggregateSource(Orderable):
    """One source of a 汇总 column: a site directory, a site's home page or one column."""

    aggregate = ParentalKey(AggregateColumnPage, on_delete=models.CASCADE, related_name="sources")
    page = models.ForeignKey(
        Page,
        verbose_name="站点目录、站点首页或栏目",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        PageChooserPanel(
            "page",
            page_type=["home.MemberDirectoryPage", "home.MemberSiteHomePage", "columns.ColumnPage"],
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = "汇总来源"
        verbose_name_plural = "汇总来源"
