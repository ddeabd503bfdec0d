"""One search as the citizen UI and the JSON API see it: request parsing, fallbacks, logging."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.templatetags.cluster import cluster_site_for

from . import segmentation
from .engines import Filters, SearchRequest, SearchResponse, database_engine, get_engine
from .models import BestBet, QueryLog, SearchDocument, Synonym
from .query import clean_query

SORTS = {"relevance": "相关度", "date": "时间"}


def synonym_map() -> dict[str, list[str]]:
    groups = {}
    for synonym in Synonym.objects.all():
        group = [segmentation.normalise(item) for item in synonym.group]
        for member in group:
            groups[member] = group
    return groups


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass
class CitizenSearch:
    """Everything a results page or the API shows."""

    text: str
    host_site: ClusterSite | None
    scope_site: ClusterSite | None
    origin: ClusterSite | None
    response: SearchResponse | None
    best_bets: list = field(default_factory=list)
    notice: str = ""
    suggestions: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)


def run(request) -> CitizenSearch:
    params = request.GET
    text = clean_query(params.get("q", ""))
    codes = {params.get("site", ""), params.get("from", "")} - {""}
    sites = {site.code: site for site in ClusterSite.objects.active().filter(code__in=codes)}
    scope_site = sites.get(params.get("site", ""))
    host_site = cluster_site_for(None, request)  # whose header and theme the page shows
    # The site whose search box was used (a department at its portal path shares the host).
    origin = sites.get(params.get("from", "")) or scope_site or host_site
    filters = Filters(
        site_id=scope_site.pk if scope_site else None,
        content_type=params.get("type", "")[:100],
        topic=params.get("topic", "")[:100],
        year=_int(params.get("year")),
    )
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    search = CitizenSearch(
        text=text,
        host_site=host_site,
        scope_site=scope_site,
        origin=origin,
        response=None,
        params={
            "q": text,
            "site": scope_site.code if scope_site else "",
            "from": origin.code if origin else "",
            "type": filters.content_type,
            "topic": filters.topic,
            "year": filters.year or "",
            "sort": sort,
        },
    )
    if not text:
        return search
    segmentation.load_cluster_words()
    search_request = SearchRequest(
        text=text, filters=filters, sort=sort, page=max(1, _int(params.get("page"), 1))
    )
    engine = get_engine()
    response = engine.search(search_request, synonym_map())
    if response.unavailable:
        # The embedded index is always current: serve from it and say so.
        response = database_engine().search(search_request, synonym_map())
        search.notice = "搜索服务正在维护，当前结果可能不完整，请稍后再试。"
    if response.unavailable:
        search.notice = "搜索服务暂时不可用，请稍后再试。"
    attach_urls(response, request)
    search.response = response
    search.best_bets = best_bets(text, origin, request) if search_request.page == 1 else []
    if response.count == 0:
        search.suggestions = suggestions(text, response)
    if search_request.page == 1:
        QueryLog.objects.create(
            query=text, site=origin, scope_all=scope_site is None, result_count=response.count
        )
    return search


def attach_urls(response: SearchResponse, request) -> None:
    pages = Page.objects.in_bulk([hit.page_id for hit in response.hits])
    for hit in response.hits:
        page = pages.get(hit.page_id)
        hit.url = (page.get_url(request) or "") if page else ""


def best_bets(text: str, site, request) -> list[dict]:
    key = segmentation.normalise(text).strip()
    found = []
    for bet in BestBet.objects.current().select_related("page"):
        if bet.site_id and (site is None or bet.site_id != site.pk):
            continue
        if key not in {segmentation.normalise(k) for k in bet.keyword_list}:
            continue
        if not SearchDocument.objects.filter(page_id=bet.page_id).exists():
            continue  # only live, public pages, like every other result
        found.append(
            {
                "title": bet.title or bet.page.title,
                "description": bet.description,
                "url": bet.page.get_url(request),
                "page_id": bet.page_id,
            }
        )
    return found


def suggestions(text: str, response: SearchResponse) -> list[str]:
    """Queries that found something and share a word with this one."""
    words = [term.text for term in response.plan.terms if len(term.text) > 1][:5]
    found = []
    for word in words:
        rows = (
            QueryLog.objects.filter(query__contains=word, result_count__gt=0)
            .exclude(query=text)
            .values("query")
            .annotate(n=Count("id"))
            .order_by("-n")[:3]
        )
        found.extend(row["query"] for row in rows)
    if not found and len(words) > 1:
        found = words
    return list(dict.fromkeys(found))[:6]
