"""The engine-independent search flow: exact numbers, relaxation, facets, highlighting.

An engine subclass answers four questions about a match expression under filters — does it
match at least *n* documents, which facet combinations match, which page ids rank first, and
which documents carry an exact 发文字号/索引号 — and, for external engines, accepts rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from .. import query as q
from ..highlight import highlight_title, snippet
from ..models import SearchDocument

logger = logging.getLogger("sitecluster.search")

PER_PAGE = 10
MAX_PAGE = 100
RELAX_BELOW = 3  # a long query finding fewer documents than this is relaxed
LONG_QUERY = 4  # terms
RELAX_MIN_TERMS = 3  # shorter queries stay strict: 招聘 公告 never turns into 招聘 OR 公告
FACETS = ("site", "type", "topic", "year")


class EngineUnavailable(Exception):
    """The search engine cannot be reached; callers degrade instead of failing."""


@dataclass
class Filters:
    site_id: int | None = None
    content_type: str = ""
    topic: str = ""
    year: int | None = None

    def without(self, facet: str) -> Filters:
        values = dict(self.__dict__)
        values[{"site": "site_id", "type": "content_type"}.get(facet, facet)] = (
            None if facet in ("site", "year") else ""
        )
        return Filters(**values)

    def accepts(self, site_id, content_type, topic, year) -> bool:
        return (
            (self.site_id is None or site_id == self.site_id)
            and (not self.content_type or content_type == self.content_type)
            and (not self.topic or topic == self.topic)
            and (self.year is None or year == self.year)
        )


@dataclass
class SearchRequest:
    text: str
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"  # or "date"
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class Hit:
    page_id: int
    title: str
    title_html: str
    snippet_html: str
    site_id: int
    site_name: str
    site_code: str
    column: str
    content_type: str
    topic: str
    doc_number: str
    index_number: str
    date: dt.datetime | None
    exact: bool = False
    url: str = ""


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetCounts:
    """How many documents match under the filters, and per facet value under the other filters."""

    total: int = 0
    counts: dict[str, dict] = field(default_factory=lambda: {name: {} for name in FACETS})

    @classmethod
    def from_rows(cls, rows, filters: Filters) -> FacetCounts:
        """From (site_id, content_type, topic, year, count) rows of every combination."""
        counted = cls()
        others = [(name, FACETS.index(name), filters.without(name)) for name in FACETS]
        for row in rows:
            values, n = row[:4], row[4]
            if filters.accepts(*values):
                counted.total += n
            for name, position, without in others:
                value = values[position]
                if value not in (None, "") and without.accepts(*values):
                    counted.counts[name][value] = counted.counts[name].get(value, 0) + n
        return counted


@dataclass
class SearchResponse:
    request: SearchRequest
    plan: q.QueryPlan
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    unavailable: bool = False

    @property
    def relaxed(self) -> bool:
        return bool(self.plan.relaxation)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, -(-self.count // self.request.per_page)))


class Engine:
    name = "base"
    external = False  # True when documents must be pushed to another server

    # -- what each engine implements -------------------------------------------------------
    def has_at_least(self, expr, filters: Filters, n: int) -> bool:
        raise NotImplementedError

    def facet_rows(self, expr, filters: Filters) -> list[tuple]:
        """(site_id, content_type, topic, year, count) for matches under the site filter only."""
        raise NotImplementedError

    def facet_counts(self, expr, filters: Filters) -> FacetCounts:
        """The match count under ``filters`` and each facet's counts under the other filters.

        By default from :meth:`facet_rows` (every combination); the database engines count
        each facet in SQL instead (and cache the answer).
        """
        return FacetCounts.from_rows(self.facet_rows(expr, Filters()), filters)

    def ranked_ids(self, expr, filters: Filters, sort, offset, limit, total=None) -> list[int]:
        """Page ids in order; ``total`` (the match count, when known) lets engines plan."""
        raise NotImplementedError

    def exact_ids(self, key: str, filters: Filters) -> list[int]:
        raise NotImplementedError

    def push(self, page_ids: list[int]) -> None:
        """Send current rows (or deletions) for ``page_ids``; embedded engines need nothing."""

    def rebuild(self, progress=None) -> None:
        """Rebuild the engine's own structures from the SearchDocument rows."""

    # -- the shared flow -----------------------------------------------------------------------
    def search(self, request: SearchRequest, synonyms=None) -> SearchResponse:
        plan = q.parse(request.text, synonyms)
        response = SearchResponse(request=request, plan=plan)
        if plan.is_empty:
            return response
        try:
            self._search(response)
        except EngineUnavailable:
            logger.warning("Search engine %s unavailable for query %r", self.name, request.text)
            response.unavailable = True
        return response

    def _search(self, response: SearchResponse) -> None:
        from ..documents import number_key

        request, plan, filters = response.request, response.plan, response.request.filters
        key = number_key(request.text)
        exact = self.exact_ids(key, filters) if any(c.isdigit() for c in key) else []
        expr = self.relaxed_expression(plan, filters)
        # One query gives the count and every facet (each under the other facets' filters).
        counted = self.facet_counts(expr, filters)
        response.facets = self.facets(counted, filters)
        matched = counted.total
        response.count = max(matched, len(exact))
        start = (max(1, min(request.page, MAX_PAGE)) - 1) * request.per_page
        # Exact 文号/索引号 hits lead; the ranked list follows without them.
        lead = exact[start : start + request.per_page]
        offset = max(0, start - len(exact))
        ranked = self.ranked_ids(
            expr, filters, request.sort, offset, request.per_page + len(exact), total=matched
        )
        rest = [pk for pk in ranked if pk not in exact]
        ids = (lead + rest)[: request.per_page]
        response.hits = self.load_hits(ids, plan, set(exact), getattr(ranked, "highlights", {}))

    def relaxed_expression(self, plan: q.QueryPlan, filters: Filters):
        """The strict AND expression, or the first relaxation that finds enough."""
        terms = plan.terms
        strict = plan.expression()
        long_query = len(terms) >= LONG_QUERY
        need = RELAX_BELOW if long_query else 1
        if len(terms) < RELAX_MIN_TERMS or self.has_at_least(strict, filters, need):
            return strict
        steps = []
        content = [t for t in terms if not t.question]
        if len(content) < len(terms):
            steps.append(("question_words_dropped", content))
        found = content
        if not self.has_at_least(strict, filters, 1):
            # Nothing at all: a typo or an unknown word. Drop the words that match nothing.
            found = [t for t in content if self.has_at_least(t.expr, filters, 1)]
            if found and len(found) < len(content):
                steps.append(("unknown_words_dropped", found))
        base = found or content
        for missing in range(1, len(base)):
            required = len(base) - missing
            if required < max(1, (len(base) + 1) // 2):
                break
            if len(base) <= 8:
                steps.append((f"at_least_{required}_of_{len(base)}", (base, required)))
        for tag, step in steps:
            expr = q.at_least(*step) if isinstance(step, tuple) else plan.expression(step)
            if expr and self.has_at_least(expr, filters, need):
                plan.relaxation = tag
                return expr
        # Still too little: the strict match if it found anything, else the widest relaxation.
        if self.has_at_least(strict, filters, 1):
            return strict
        for tag, step in reversed(steps):
            expr = q.at_least(*step) if isinstance(step, tuple) else plan.expression(step)
            if expr and self.has_at_least(expr, filters, 1):
                plan.relaxation = tag
                return expr
        return strict

    def facets(self, counted: FacetCounts, filters: Filters) -> dict[str, list[FacetValue]]:
        from sitecluster.tenancy.models import ClusterSite

        counts = counted.counts
        selected = {
            "site": filters.site_id,
            "type": filters.content_type,
            "topic": filters.topic,
            "year": filters.year,
        }
        site_rows = ClusterSite.objects.filter(pk__in=counts["site"]).values_list(
            "pk", "short_name", "name"
        )
        names = {pk: short or name for pk, short, name in site_rows}
        result = {}
        for name in FACETS:
            items = counts[name].items()
            if name == "year":
                ordered = sorted(items, key=lambda kv: kv[0], reverse=True)
            else:
                ordered = sorted(items, key=lambda kv: (-kv[1], str(kv[0])))
            result[name] = [
                FacetValue(
                    value=value,
                    label=names.get(value, "") if name == "site" else str(value),
                    count=n,
                    selected=value == selected[name],
                )
                for value, n in ordered
            ]
        return result

    def load_hits(self, ids, plan: q.QueryPlan, exact: set[int], highlights=None) -> list[Hit]:
        """Hits with highlighted title and snippet (the engine's own fragments when it has them)."""
        if not ids:
            return []
        words = plan.highlight_words()
        docs = (
            SearchDocument.objects.filter(page_id__in=ids)
            .select_related("site")
            .only(
                "page_id",
                "title",
                "body",
                "column",
                "content_type",
                "topic",
                "doc_number",
                "index_number",
                "date",
                "site__name",
                "site__code",
            )
        )
        by_id = {doc.page_id: doc for doc in docs}
        hits = []
        highlights = highlights or {}
        for pk in ids:
            doc = by_id.get(pk)
            if doc is None:
                continue
            engine_fragments = highlights.get(pk, {})
            hits.append(
                Hit(
                    page_id=pk,
                    title=doc.title,
                    title_html=mark_safe(engine_fragments["title"])  # noqa: S308 (encoder=html)
                    if "title" in engine_fragments
                    else highlight_title(doc.title, words),
                    snippet_html=mark_safe(engine_fragments["body"])  # noqa: S308
                    if "body" in engine_fragments
                    else snippet(doc.body, words),
                    site_id=doc.site_id,
                    site_name=doc.site.name,
                    site_code=doc.site.code,
                    column=doc.column,
                    content_type=doc.content_type,
                    topic=doc.topic,
                    doc_number=doc.doc_number,
                    index_number=doc.index_number,
                    date=doc.date,
                    exact=pk in exact,
                )
            )
        return hits
