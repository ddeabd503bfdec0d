"""发布统计 in the admin: the office sees the whole cluster, a site admin only their own sites."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from content_models.columns.models import ColumnType
from sitecluster.tenancy.models import ClusterSite, SiteRole
from sitecluster.tenancy.roles import is_information_office, site_ids_for_user

from . import export
from .annual import FIELDS, annual_counts, topic_sites
from .charts import monthly_bars
from .publication import publication_report


def visible_sites(user):
    """The sites whose statistics ``user`` may see; PermissionDenied when none."""
    sites = ClusterSite.objects.order_by("sort_order", "pk")
    if is_information_office(user):
        return list(sites)
    own = site_ids_for_user(user, {SiteRole.ADMIN})
    if not own:
        raise PermissionDenied
    return list(sites.filter(pk__in=own))


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year + 1 else this_year


def _selection(request):
    sites = visible_sites(request.user)
    chosen = next((s for s in sites if s.code == request.GET.get("site")), None)
    if chosen is None and len(sites) == 1:
        chosen = sites[0]
    return sites, chosen, _year(request)


def statistics_index(request):
    sites, chosen, year = _selection(request)
    rows = publication_report(year, [chosen] if chosen else sites)
    annual = annual_counts(rows, year)
    for row in rows:
        row.chart = monthly_bars(row.months, f"{row.site.name} {year} 年各月发布数量")
        row.annual = [(label, annual[row.site.pk][key]) for key, label in FIELDS]
    this_year = timezone.localdate().year
    context = {
        "sites": sites,
        "site": chosen,
        "year": year,
        "years": list(range(this_year, this_year - 6, -1)),
        "rows": rows,
        "row": rows[0] if chosen and rows else None,
        "months": list(range(1, 13)),
        "column_types": dict(ColumnType.choices),
        "topics": topic_sites(year) if is_information_office(request.user) else None,
        "totals": {
            "items": sum(r.total for r in rows),
            "assessed": sum(len(r.assessed) for r in rows),
            "on_time": sum(r.on_time_count for r in rows),
        },
    }
    return render(request, "statistics/admin/index.html", context)


def statistics_export(request):
    sites, chosen, year = _selection(request)
    rows = publication_report(year, [chosen] if chosen else sites)
    annual = annual_counts(rows, year)
    if request.GET.get("format") == "xlsx":
        return export.as_xlsx(rows, annual, year)
    return export.as_csv(rows, annual, year)
