"""Citizen search pages, the JSON API and the click-through redirect."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.http import require_GET

from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite

from . import service
from .models import ClickLog, SearchDocument


def _query_string(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in ("", None)})


@require_GET
def search_page(request):
    search = service.run(request)
    response = search.response
    params = search.params
    facet_links = {}
    if response is not None:
        codes = dict(ClusterSite.objects.values_list("pk", "code"))
        for name, values in response.facets.items():
            links = []
            for value in values:
                code = codes.get(value.value, "") if name == "site" else value.value
                links.append(
                    {
                        "label": value.label,
                        "count": value.count,
                        "selected": value.selected,
                        "url": "?"
                        + _query_string(params, **{name: "" if value.selected else code}, page=""),
                    }
                )
            facet_links[name] = links
    context = {
        "search": search,
        "site": search.host_site,
        "results": response,
        "facet_links": facet_links,
        "sorts": [
            {
                "value": value,
                "label": label,
                "selected": params.get("sort") == value,
                "url": "?" + _query_string(params, sort=value, page=""),
            }
            for value, label in service.SORTS.items()
        ],
        "scope_all_url": "?" + _query_string(params, site="", page=""),
        "scope_site_url": "?"
        + _query_string(params, site=search.origin.code if search.origin else "", page=""),
        "page_query": _query_string(params),
        "page": None,
    }
    if response is not None and response.count:
        current = response.request.page
        context["pagination"] = {
            "current": current,
            "pages": response.pages,
            "previous": "?" + _query_string(params, page=current - 1) if current > 1 else "",
            "next": "?" + _query_string(params, page=current + 1)
            if current < response.pages
            else "",
        }
        context["first_position"] = (current - 1) * response.request.per_page
    return render(request, "search/search_results.html", context)


@require_GET
def search_api(request):
    search = service.run(request)
    response = search.response
    if response is None:
        return JsonResponse(
            {"count": 0, "results": [], "facets": {}, "error": "请输入检索词（参数 q）。"},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    sites = dict(ClusterSite.objects.values_list("pk", "code"))
    data = {
        "query": search.text,
        "count": response.count,
        "page": response.request.page,
        "pages": response.pages,
        "relaxed": response.relaxed,
        "notice": search.notice,
        "best_bets": search.best_bets,
        "results": [
            {
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url) if hit.url.startswith("/") else hit.url,
                "site": hit.site_name,
                "site_code": hit.site_code,
                "column": hit.column,
                "date": timezone.localtime(hit.date).date().isoformat() if hit.date else None,
                "type": hit.content_type,
                "topic": hit.topic,
                "doc_number": hit.doc_number,
                "index_number": hit.index_number,
                "exact": hit.exact,
                "snippet": strip_tags(hit.snippet_html),
                "snippet_html": str(hit.snippet_html),
                "title_html": str(hit.title_html),
            }
            for hit in response.hits
        ],
        "facets": {
            name: [
                {
                    "value": sites.get(v.value, v.value) if name == "site" else v.value,
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                }
                for v in values
            ]
            for name, values in response.facets.items()
        },
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def click(request):
    """Record which result a citizen opened, then send them there (only to searchable pages)."""
    try:
        page_id = int(request.GET.get("p", ""))
    except ValueError as exc:
        raise Http404("未找到该页面") from exc
    if not SearchDocument.objects.filter(page_id=page_id).exists():
        raise Http404("未找到该页面")
    page = Page.objects.get(pk=page_id)
    site = ClusterSite.objects.filter(code=request.GET.get("from", "")).first()
    try:
        position = max(0, int(request.GET.get("n", "0")))
    except ValueError:
        position = 0
    ClickLog.objects.create(
        query=request.GET.get("q", "")[:200], site=site, page_id=page_id, position=position
    )
    return HttpResponseRedirect(page.get_url(request) or "/")
