"""Home pages: the district portal, each member site's home, and the member directories."""

from django.apps import apps
from django.db import models
from django.db.models import Q

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from content_models.columns.models import listed_pages
from content_models.core.models import BasePage

LATEST_COUNT = 8


def _column_model():
    return apps.get_model("columns", "ColumnPage")


def _latest_in_columns(columns, count=LATEST_COUNT):
    """Latest live articles and 引用 directly inside the given columns, newest first (one query)."""
    columns = list(columns)
    if not columns:
        return []
    condition = Q()
    for column in columns:
        condition |= Q(path__startswith=column.path, depth=column.depth + 1)
    return list(listed_pages(condition)[:count])


class PortalHomePage(BasePage):
    """The district portal's home page: its own news plus the latest from every member site."""

    intro = models.TextField("欢迎词", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "columns.ColumnPage",
        "home.MemberDirectoryPage",
        "sharing.AggregateColumnPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "门户首页"
        verbose_name_plural = "门户首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        own_columns = _column_model().objects.child_of(self).live()
        context["headlines"] = _latest_in_columns(own_columns.filter(column_type="dynamic"))
        context["notices"] = _latest_in_columns(own_columns.filter(column_type="notice"))
        context["policies"] = _latest_in_columns(own_columns.filter(column_type="policy"))
        member_homes = list(
            MemberSiteHomePage.objects.descendant_of(self).live().public().order_by("path")
        )
        context["member_homes"] = member_homes
        member_dynamic = (
            _column_model()
            .objects.live()
            .filter(column_type="dynamic", depth=self.depth + 3, path__startswith=self.path)
        )
        member_news = _latest_in_columns(member_dynamic, count=12)
        homes_by_path = {home.path: home for home in member_homes}
        for item in member_news:
            item.source_site = homes_by_path.get(item.path[: len(self.path) + 2 * Page.steplen])
        context["member_news"] = member_news
        return context


class MemberDirectoryPage(BasePage):
    """部门目录 / 街道目录: lists every member site mounted under it (e.g. /bm/, /jd/)."""

    intro = models.TextField("说明", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["home.MemberSiteHomePage"]

    class Meta:
        verbose_name = "成员站点目录"
        verbose_name_plural = "成员站点目录"

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "directory"

    def get_column_type_display(self):
        return "站点目录"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        homes = list(MemberSiteHomePage.objects.child_of(self).live().public().order_by("path"))
        disclosure = {
            c.path[: len(c.path) - Page.steplen]: c
            for c in _column_model()
            .objects.live()
            .filter(column_type="disclosure", depth=self.depth + 2, path__startswith=self.path)
        }
        for home in homes:
            home.disclosure_column = disclosure.get(home.path)
        context["member_homes"] = homes
        return context


class MemberSiteHomePage(BasePage):
    """Home page of a department, street-office or topic site."""

    intro = models.TextField("站点简介", blank=True, max_length=500)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.MemberDirectoryPage"]
    subpage_types = ["columns.ColumnPage", "sharing.AggregateColumnPage"]

    class Meta:
        verbose_name = "成员站点首页"
        verbose_name_plural = "成员站点首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        columns = list(_column_model().objects.child_of(self).live().order_by("path"))
        context["columns"] = columns
        for key, column_type in [
            ("news", "dynamic"),
            ("notices", "notice"),
            ("policies", "policy"),
        ]:
            chosen = [column for column in columns if column.column_type == column_type]
            context[key] = _latest_in_columns(chosen, count=7)
        return context
