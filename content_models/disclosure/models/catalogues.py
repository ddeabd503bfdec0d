"""The disclosure platform's catalogue pages (国办公开办函〔2019〕61号).

* DisclosureContentPage — a member site's 法定主动公开内容: its own documents, filterable.
* DisclosureCataloguePage — the portal's cluster-wide 政府信息公开目录 with lookup by 索引号/文号.
* DisclosureBodyDirectoryPage — the portal's 部门目录: every body and its disclosure platform.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from content_models.core.models import BasePage

from ..filters import CatalogueFilterForm, apply_filters, exact_match
from ..taxonomy import Validity
from .documents import DisclosureDocumentPage

PER_PAGE = 20


class CatalogueMixin(models.Model):
    """Shared behaviour: the page is its own column; lists documents with filters."""

    intro = models.TextField("说明", blank=True, max_length=500)
    per_page = models.PositiveSmallIntegerField("每页条数", default=PER_PAGE)
    show_body_filter = True

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "disclosure"

    def get_column_type_display(self):
        return "信息公开"

    def documents(self):
        raise NotImplementedError

    def filter_form(self, request, documents):
        years = sorted({d.year for d in documents.dates("publish_at", "year")}, reverse=True)
        bodies = []
        if self.show_body_filter:
            from content_models.organisations.models import Organisation

            bodies = Organisation.objects.filter(
                pk__in=documents.values("organisation_id")
            ).order_by("name")
        return CatalogueFilterForm(
            request.GET or None, bodies=bodies, years=years, show_body=self.show_body_filter
        )

    def serve(self, request, *args, **kwargs):
        match = exact_match(self.documents(), request.GET.get("q", ""))
        if match is not None and not request.GET.get("list"):
            return redirect(match.get_url(request))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        form = self.filter_form(request, documents)
        values = form.cleaned() if form.is_bound else {}
        results = apply_filters(documents, values).select_related("organisation")
        paginator = Paginator(results, self.per_page or PER_PAGE)
        try:
            items = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(form=form, items=items, querystring=query.urlencode())
        return context


def _live_documents():
    return (
        DisclosureDocumentPage.objects.live()
        .public()
        .exclude(disclosure_mode="not_disclosed")
        .defer_streamfields()
    )


class DisclosureContentPage(CatalogueMixin, BasePage):
    """法定主动公开内容 of one member site: the documents published on that site."""

    show_body_filter = False
    blueprint_page_type = "disclosure_content"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["columns.ColumnPage"]
    subpage_types = ["disclosure.DisclosureDocumentPage"]
    template = "disclosure/disclosure_content_page.html"

    class Meta:
        verbose_name = "法定主动公开内容"
        verbose_name_plural = "法定主动公开内容"

    def site_home(self):
        paths = [self.path[:end] for end in range(Page.steplen, len(self.path), Page.steplen)]
        return (
            Page.objects.filter(path__in=paths, cluster_site__isnull=False)
            .order_by("-depth")
            .first()
        )

    def documents(self):
        home = self.site_home()
        scope = home if home is not None else self.get_parent()
        documents = _live_documents().descendant_of(scope)
        # Documents of member sites mounted below this site (the portal) are theirs, not ours.
        nested = Page.objects.descendant_of(scope).filter(cluster_site__isnull=False)
        for nested_home in nested.only("path"):
            documents = documents.exclude(path__startswith=nested_home.path)
        return documents


class DisclosureCataloguePage(CatalogueMixin, BasePage):
    """政府信息公开目录 of the whole cluster (on the portal)."""

    blueprint_page_type = "disclosure_catalogue"
    blueprint_defaults = {"show_in_menus": True}

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["columns.ColumnPage", "home.PortalHomePage"]
    subpage_types = []
    template = "disclosure/disclosure_catalogue_page.html"

    class Meta:
        verbose_name = "政府信息公开目录"
        verbose_name_plural = "政府信息公开目录"

    def documents(self):
        return _live_documents()


class DisclosureBodyDirectoryPage(BasePage):
    """部门目录: every body of the cluster with a link to its disclosure platform."""

    intro = models.TextField("说明", blank=True, max_length=500)
    blueprint_page_type = "disclosure_body_directory"
    blueprint_defaults = {"show_in_menus": True}
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["columns.ColumnPage", "home.PortalHomePage"]
    subpage_types = []
    template = "disclosure/disclosure_body_directory_page.html"

    class Meta:
        verbose_name = "信息公开部门目录"
        verbose_name_plural = "信息公开部门目录"

    def __str__(self):
        return self.title

    def get_meta_column(self):
        return self

    @property
    def column_type(self):
        return "disclosure"

    def get_column_type_display(self):
        return "信息公开"

    def bodies(self) -> list[dict]:
        """One row per site of the cluster: name, kind, platform page, document counts."""
        from content_models.columns.models import ColumnPage

        homes = list(
            Page.objects.live()
            .public()
            .filter(cluster_site__isnull=False, cluster_site__status="active")
            .select_related("cluster_site", "cluster_site__organisation")
            .order_by("cluster_site__sort_order", "path")
        )
        platforms = {}
        if homes:
            condition = Q()
            for home in homes:
                condition |= Q(path__startswith=home.path, depth=home.depth + 1)
            for column in ColumnPage.objects.live().filter(condition, column_type="disclosure"):
                platforms.setdefault(column.path[: -Page.steplen], column)
        counts = {
            row["organisation_id"]: row
            for row in _live_documents()
            .order_by()
            .values("organisation_id")
            .annotate(
                total=Count("pk"), effective=Count("pk", filter=Q(validity=Validity.EFFECTIVE))
            )
        }
        rows = []
        for home in homes:
            site = home.cluster_site
            row = counts.get(site.organisation_id, {})
            rows.append(
                {
                    "name": site.name,
                    "kind": site.get_kind_display(),
                    "kind_code": site.kind,
                    "organisation": site.organisation,
                    "home": home,
                    "platform": platforms.get(home.path),
                    "total": row.get("total", 0),
                    "effective": row.get("effective", 0),
                }
            )
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = self.bodies()
        context["groups"] = [
            (label, [row for row in rows if row["kind_code"] == code])
            for code, label in (
                ("portal", "区人民政府"),
                ("department", "区直部门"),
                ("street", "街道（乡镇）"),
                ("topic", "其他"),
            )
            if any(row["kind_code"] == code for row in rows)
        ]
        return context
