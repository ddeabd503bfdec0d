"""Which site and which column a page path belongs to, from two small queries.

Items are counted in SQL grouped by their parent's path; this maps those paths to the nearest
column (栏目) above and the site whose root is the longest prefix (member sites sit inside the
portal's tree, so the longest prefix wins).
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from content_models.columns.models import ColumnPage
from sitecluster.tenancy.models import ClusterSite

STEP = Page.steplen


@dataclass(frozen=True)
class Column:
    pk: int
    title: str
    column_type: str
    path: str
    site: ClusterSite | None

    @property
    def label(self) -> str:
        return self.title


class SiteTree:
    def __init__(self, sites=None):
        queryset = ClusterSite.objects.select_related("root_page").order_by("sort_order", "pk")
        if sites is not None:
            queryset = queryset.filter(pk__in=[s.pk for s in sites])
        self.sites = [s for s in queryset if s.root_page_id]
        self._by_root = {s.root_page.path: s for s in self.sites}
        self._all_roots = dict(
            ClusterSite.objects.filter(root_page__isnull=False).values_list("root_page__path", "pk")
        )
        columns = ColumnPage.objects.filter(self.path_filter()).values_list(
            "pk", "title", "column_type", "path"
        )
        self.columns = {}
        for pk, title, column_type, path in columns:
            site = self.site_for(path)
            if site is not None:
                self.columns[path] = Column(pk, title, column_type, path, site)

    def site_for(self, path: str) -> ClusterSite | None:
        """The site owning ``path`` (longest root prefix over every site), if it is shown here."""
        for end in range(len(path), 0, -STEP):
            owner = self._all_roots.get(path[:end])
            if owner is not None:
                return next((s for s in self.sites if s.pk == owner), None)
        return None

    def column_for(self, path: str) -> Column | None:
        """The nearest column at or above ``path`` (within the same site)."""
        site = self.site_for(path)
        for end in range(len(path), 0, -STEP):
            column = self.columns.get(path[:end])
            if column is not None:
                return column if column.site == site else None
            if path[:end] in self._all_roots:
                return None
        return None

    def path_filter(self, field: str = "path"):
        """A Q limiting pages to the subtrees of the shown sites."""
        from django.db.models import Q

        condition = Q(pk__in=[])
        for root in self._by_root:
            condition |= Q(**{f"{field}__startswith": root})
        return condition
