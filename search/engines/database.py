"""The embedded engines: SQLite FTS5 and PostgreSQL full-text, on the site's own database.

Both index the SearchDocument rows where they live: an external-content FTS5 table kept in step
by triggers (SQLite) or a generated, weighted ``tsvector`` column with a GIN index (PostgreSQL),
both created by this app's migration. Queries join the page table so that a page unpublished a
moment ago never shows, even before its row is removed.
"""

from __future__ import annotations

import time

from django.db import connection
from django.db.models import Q

from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite

from ..models import SearchDocument
from .base import Engine, Filters

DOC = SearchDocument._meta.db_table
PAGE = Page._meta.db_table
SITE = ClusterSite._meta.db_table
FTS = "search_fts"

LIVE_SPARE = 10  # extra rows fetched in case some pages were unpublished a moment ago
TITLE_FIRST_ABOVE = 2000  # matches; beyond this, relevance ranking starts with title matches
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

    def match_condition(self) -> str:
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
            self.match_condition(),
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

    def _ranked(self, expr, filters, sort, offset, limit, title_only=False):
        where, params = self._where(expr, filters, title_only)
        if sort == "date":
            order = f"{DOC}.date DESC, {DOC}.page_id DESC"
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

    def ranked_ids(self, expr, filters, sort, offset, limit, total=None):
        spare = limit + LIVE_SPARE
        ids = None
        if sort != "date" and total and total > TITLE_FIRST_ABOVE:
            # A common word matches most of the index: rank the title (and 文号) matches, a much
            # smaller set that holds the best answers, and rank everything only past them.
            ids = self._ranked(expr, filters, sort, offset, spare, title_only=True)
            if len(ids) < spare:
                ids = None
        if ids is None:
            ids = self._ranked(expr, filters, sort, offset, spare)
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

    def match_condition(self):
        return f"{FTS} MATCH %s"

    def rank_expression(self, expr):
        return f"bm25({FTS}, {TITLE_WEIGHT}, {NUMBER_WEIGHT}, {BODY_WEIGHT})", []


class PostgresEngine(DatabaseEngine):
    name = "postgresql"
    match_from = DOC
    rank_order = "DESC"
    # ts_rank weights for D, C, B, A: body is D, title and 文号 are A.
    WEIGHTS = "{%s, 0.2, 0.4, 1.0}" % (BODY_WEIGHT / TITLE_WEIGHT)

    def render(self, expr, title_only: bool = False) -> str:
        kind, value = expr
        if kind == "tok":
            # 'x':A matches only where x carries weight A: the title and 文号 columns.
            token = "'" + value.replace("'", "").replace("\\", "") + "'"
            return token + ":A" if title_only else token
        joiner = " & " if kind == "and" else " | "
        return "(" + joiner.join(self.render(item, title_only) for item in value) + ")"

    def match_condition(self):
        return f"{DOC}.search_vector @@ to_tsquery('simple', %s)"

    def rank_expression(self, expr):
        return (
            f"ts_rank(%s::float4[], {DOC}.search_vector, to_tsquery('simple', %s))",
            [self.WEIGHTS, self.render(expr)],
        )


def database_engine() -> DatabaseEngine:
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()
