"""The embedded engines: SQLite FTS5 and PostgreSQL full-text, on the site's own database.

Both index the SearchDocument rows where they live: an external-content FTS5 table kept in step
by triggers (SQLite) or a generated, weighted ``tsvector`` column with a GIN index (PostgreSQL),
both created by this app's migration. Queries join the page table so that a page unpublished a
moment ago never shows, even before its row is removed.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.db.models import Q

from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite

from ..models import SearchDocument
from . import facet_cache
from .base import FACETS, Engine, FacetCounts, Filters

DOC = SearchDocument._meta.db_table
PAGE = Page._meta.db_table
SITE = ClusterSite._meta.db_table
FTS = "search_fts"

LIVE_SPARE = 10  # extra rows fetched in case some pages were unpublished a moment ago
TITLE_FIRST_ABOVE = 2000  # matches; beyond this, relevance ranking starts with title matches
DATE_WALK_ABOVE = 5000  # PostgreSQL: matches; only then may a date sort walk the date index
CANDIDATES = 200  # PostgreSQL: documents re-ranked with the full rank for a common word
_active_sites: tuple[float, list[int]] = (0.0, [])


def active_site_ids() -> list[int]:
    """Ids of active sites, re-read every two seconds (archiving also removes the rows)."""
    global _active_sites
    loaded_at, ids = _active_sites
    now = time.monotonic()
    if now - loaded_at > 2:
        ids = list(ClusterSite.objects.active().order_by("pk").values_list("pk", flat=True))
        _active_sites = (now, ids)
    return ids


def forget_active_sites() -> None:
    global _active_sites
    _active_sites = (0.0, [])


# Title and 文号 weigh ten times the body.
TITLE_WEIGHT, NUMBER_WEIGHT, BODY_WEIGHT = 10.0, 8.0, 1.0


class DatabaseEngine(Engine):
    match_from = ""  # FROM … JOIN … for the full-text match

    def render(self, expr, title_only: bool = False) -> str:
        raise NotImplementedError

    def match_condition(self, title_only: bool = False) -> str:
        raise NotImplementedError

    def rank_expression(self, expr) -> tuple[str, list]:
        raise NotImplementedError

    def _where(self, expr, filters: Filters, title_only: bool = False):
        """Match, active sites, not expired, the facet filters.

        The page table is not joined here (that costs most on common words); ranked_ids()
        drops pages unpublished a moment ago, before their row is gone.
        """
        now = connection.ops.adapt_datetimefield_value(self.now())
        active = active_site_ids()
        sql = [
            self.match_condition(title_only),
            # "+ 0": a plain column here makes SQLite drive the query from the site index.
            f"({DOC}.site_id + 0) IN ({', '.join(['%s'] * len(active))})" if active else "1 = 0",
            f"({DOC}.expire_at IS NULL OR {DOC}.expire_at > %s)",
        ]
        params = [self.render(expr, title_only), *active, now]
        if filters.site_id is not None:
            sql.append(f"{DOC}.site_id = %s")
            params.append(filters.site_id)
        if filters.content_type:
            sql.append(f"{DOC}.content_type = %s")
            params.append(filters.content_type)
        if filters.topic:
            sql.append(f"{DOC}.topic = %s")
            params.append(filters.topic)
        if filters.year is not None:
            sql.append(f"{DOC}.year = %s")
            params.append(filters.year)
        return " AND ".join(sql), params

    @staticmethod
    def now():
        from django.utils import timezone

        return timezone.now()

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def has_at_least(self, expr, filters, n):
        where, params = self._where(expr, filters)
        rows = self._fetch(f"SELECT 1 FROM {self.match_from} WHERE {where} LIMIT %s", [*params, n])
        return len(rows) >= n

    def facet_rows(self, expr, filters):
        where, params = self._where(expr, filters)
        columns = f"{DOC}.site_id, {DOC}.content_type, {DOC}.topic, {DOC}.year"
        return self._fetch(
            f"SELECT {columns}, COUNT(*) FROM {self.match_from} WHERE {where} GROUP BY {columns}",
            params,
        )

    def facet_counts(self, expr, filters):
        """Total and per-facet counts in one statement over the matches, cached (facet_cache)."""
        cache_on = facet_cache.cache_seconds() > 0
        key = ""
        if cache_on:
            key = facet_cache.key_for(
                self.name, self.render(expr), active_site_ids(), sorted(filters.__dict__.items())
            )
            cached = facet_cache.get(key)
            if cached is not None:
                return cached
        counted, next_expiry = self._count_facets(expr, filters)
        if cache_on:
            facet_cache.put(key, counted, next_expiry)
        return counted

    def _count_facets(self, expr, filters: Filters):
        """One statement over the matches (facet_statement), each facet counted under the
        other facets' filters, plus the total under all filters and the earliest expiry among
        the matches (for the cache)."""
        where, params = self._where(expr, Filters())
        conditions = {
            name: (sql, value)
            for name, sql, value in (
                ("site", "s = %s", filters.site_id),
                ("type", "t = %s", filters.content_type or None),
                ("topic", "p = %s", filters.topic or None),
                ("year", "y = %s", filters.year),
            )
            if value is not None
        }

        def count(excluding=None):
            used = [cond for name, cond in conditions.items() if name != excluding]
            if not used:
                return "COUNT(*)", []
            test = " AND ".join(sql for sql, _ in used)
            return f"SUM(CASE WHEN {test} THEN 1 ELSE 0 END)", [value for _, value in used]

        sql, params = self.facet_statement(where, params, count)
        counted, next_expiry = FacetCounts(), None
        for facet, number_value, text_value, n, expiry in self._fetch(sql, params):
            if facet == len(FACETS):
                counted.total, next_expiry = n or 0, self._datetime(expiry)
                continue
            value = number_value if number_value is not None else text_value
            if n and value not in (None, ""):
                counted.counts[FACETS[facet]][value] = n
        return counted, next_expiry

    def facet_statement(self, where, params, count):
        """Rows (facet number, numeric value, text value, count, next expiry); the total is
        facet number ``len(FACETS)``. Here: the matches once (a materialised CTE), then one
        GROUP BY per facet."""
        # The total comes first: PostgreSQL types each UNION column from its first non-NULL.
        counter, values = count()
        branches = [
            f"SELECT {len(FACETS)} AS facet, NULL AS number_value, NULL AS text_value, "
            f"{counter} AS n, MIN(e) AS next_expiry FROM matches HAVING COUNT(*) > 0"
        ]
        branch_params = values
        for number, (name, column) in enumerate(zip(FACETS, ("s", "t", "p", "y"), strict=True)):
            counter, values = count(name)
            number_value = column if column in ("s", "y") else "NULL"
            text_value = column if column in ("t", "p") else "NULL"
            branches.append(
                f"SELECT {number}, {number_value}, {text_value}, {counter}, NULL "
                f"FROM matches GROUP BY {column}"
            )
            branch_params.extend(values)
        sql = (
            f"WITH matches AS MATERIALIZED (SELECT {DOC}.site_id AS s, {DOC}.content_type AS t, "
            f"{DOC}.topic AS p, {DOC}.year AS y, {DOC}.expire_at AS e "
            f"FROM {self.match_from} WHERE {where}) " + " UNION ALL ".join(branches)
        )
        return sql, params + branch_params

    @staticmethod
    def _datetime(value):
        if value is None or isinstance(value, dt.datetime):
            return value
        parsed = dt.datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)

    def _ranked(self, expr, filters, sort, offset, limit, title_only=False, total=None):
        where, params = self._where(expr, filters, title_only)
        if sort == "date":
            order = f"{self.date_key(filters, total)} DESC, {DOC}.page_id DESC"
            select, rank_params = "", []
        else:
            rank_sql, rank_params = self.rank_expression(expr)
            select = f", {rank_sql} AS score"
            order = f"score {self.rank_order}, {DOC}.date DESC"
        rows = self._fetch(
            f"SELECT {DOC}.page_id{select} FROM {self.match_from} WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*rank_params, *params, limit, offset],
        )
        return [row[0] for row in rows]

    def date_key(self, filters, total) -> str:
        return f"{DOC}.date"

    def ranked_ids(self, expr, filters, sort, offset, limit, total=None):
        spare = limit + LIVE_SPARE
        ids = None
        if sort != "date" and total and total > TITLE_FIRST_ABOVE:
            # A common word matches most of the index: rank the title (and 文号) matches, a much
            # smaller set that holds the best answers, and rank everything only past them.
            ids = self._ranked(expr, filters, sort, offset, spare, title_only=True, total=total)
            if len(ids) < spare:
                ids = None
        if ids is None:
            ids = self._ranked(expr, filters, sort, offset, spare, total=total)
        live = set(Page.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True))
        return [pk for pk in ids if pk in live][:limit]

    def exact_ids(self, key, filters):
        queryset = SearchDocument.objects.filter(
            Q(doc_number_key=key) | Q(index_number_key=key),
            Q(expire_at__isnull=True) | Q(expire_at__gt=self.now()),
            page__live=True,
            site__status="active",
        )
        if filters.site_id is not None:
            queryset = queryset.filter(site_id=filters.site_id)
        return list(queryset.order_by("-date").values_list("page_id", flat=True)[:10])


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"
    # The covering index spares SQLite reading the wide rows of thousands of matches.
    match_from = f"{FTS} JOIN {DOC} INDEXED BY search_doc_facets ON {DOC}.page_id = {FTS}.rowid"
    rank_order = "ASC"  # bm25() is lower for better matches

    def render(self, expr, title_only: bool = False) -> str:
        if title_only:
            return "{title_tokens number_tokens} : " + self.render(expr)
        kind, value = expr
        if kind == "tok":
            return '"' + value.replace('"', "") + '"'
        joiner = " AND " if kind == "and" else " OR "
        return "(" + joiner.join(self.render(item) for item in value) + ")"

    def match_condition(self, title_only=False):
        return f"{FTS} MATCH %s"

    def rank_expression(self, expr):
        return f"bm25({FTS}, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})", []


def database_engine() -> DatabaseEngine:
    if connection.vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    return SQLiteEngine()
