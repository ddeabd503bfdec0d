"""The information office's search report: top queries, zero-result queries, click-through."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.shortcuts import render
from django.utils import timezone

from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.roles import is_information_office

from .models import ClickLog, QueryLog

PERIODS = {7: "最近 7 天", 30: "最近 30 天", 90: "最近 90 天", 365: "最近一年"}


def report_data(site: ClusterSite | None, days: int, limit: int = 50) -> dict:
    since = timezone.now() - dt.timedelta(days=days)
    queries = QueryLog.objects.filter(created_at__gte=since)
    clicks = ClickLog.objects.filter(created_at__gte=since)
    if site is not None:
        queries = queries.filter(site=site)
        clicks = clicks.filter(site=site)
    click_counts = dict(
        clicks.values_list("query").annotate(n=Count("id")).values_list("query", "n")
    )
    top = list(
        queries.values("query")
        .annotate(searches=Count("id"), results=Avg("result_count"))
        .order_by("-searches", "query")[:limit]
    )
    for row in top:
        row["clicks"] = click_counts.get(row["query"], 0)
        row["ctr"] = row["clicks"] / row["searches"] if row["searches"] else 0
    zero = list(
        queries.filter(result_count=0)
        .values("query")
        .annotate(searches=Count("id"))
        .order_by("-searches", "query")[:limit]
    )
    per_site = []
    searches_by_site = dict(
        QueryLog.objects.filter(created_at__gte=since)
        .values_list("site")
        .annotate(n=Count("id"))
        .values_list("site", "n")
    )
    clicks_by_site = dict(
        ClickLog.objects.filter(created_at__gte=since)
        .values_list("site")
        .annotate(n=Count("id"))
        .values_list("site", "n")
    )
    zero_by_site = dict(
        QueryLog.objects.filter(created_at__gte=since, result_count=0)
        .values_list("site")
        .annotate(n=Count("id"))
        .values_list("site", "n")
    )
    for each in ClusterSite.objects.order_by("sort_order", "pk"):
        searches = searches_by_site.get(each.pk, 0)
        if not searches:
            continue
        site_clicks = clicks_by_site.get(each.pk, 0)
        per_site.append(
            {
                "site": each,
                "searches": searches,
                "zero": zero_by_site.get(each.pk, 0),
                "clicks": site_clicks,
                "ctr": site_clicks / searches,
            }
        )
    return {
        "top": top,
        "zero": zero,
        "per_site": per_site,
        "total": queries.count(),
        "clicks": clicks.count(),
    }


def search_report(request):
    if not is_information_office(request.user):
        raise PermissionDenied
    sites = list(ClusterSite.objects.order_by("sort_order", "pk"))
    site = next((s for s in sites if s.code == request.GET.get("site")), None)
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    context = {
        "sites": sites,
        "site": site,
        "days": days,
        "periods": PERIODS,
        **report_data(site, days),
    }
    return render(request, "search/admin/report.html", context)
