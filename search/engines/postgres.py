"""The PostgreSQL full-text engine: a weighted ``tsvector`` with GIN indexes (docs/search.md).

Besides the shared flow (:mod:`.database`), what 73,000 documents taught it: rank a candidate
set for common words, count facets in one GROUPING SETS pass, keep the planner off sequential
scans and off the date index where that walk is slow.
"""

from __future__ import annotations

from django.db import connection, transaction

from . import database
from .base import FACETS
from .database import BODY_WEIGHT, DOC, TITLE_WEIGHT, DatabaseEngine


class PostgresEngine(DatabaseEngine):
    name = "postgresql"
    match_from = DOC
    rank_order = "DESC"
    # ts_rank weights for D, C, B, A: body is D, title and 文号 are A.
    WEIGHTS = "{%s, 0.2, 0.4, 1.0}" % (BODY_WEIGHT / TITLE_WEIGHT)

    def render(self, expr, title_only: bool = False) -> str:
        # Title-only matches use the title_vector column (migration 0004), same query text.
        kind, value = expr
        if kind == "tok":
            return "'" + value.replace("'", "").replace("\\", "") + "'"
        joiner = " & " if kind == "and" else " | "
        return "(" + joiner.join(self.render(item) for item in value) + ")"

    def match_condition(self, title_only=False):
        column = "title_vector" if title_only else "search_vector"
        return f"{DOC}.{column} @@ to_tsquery('simple', %s)"

    def rank_expression(self, expr):
        return (
            f"ts_rank(%s::float4[], {DOC}.search_vector, to_tsquery('simple', %s))",
            [self.WEIGHTS, self.render(expr)],
        )

    def _ranked(self, expr, filters, sort, offset, limit, title_only=False, total=None):
        """Relevance over a common word ranks a candidate set, not every match.

        ``ts_rank`` reads each ranked document's whole (TOASTed) ``search_vector``: 30,000
        matches cost 100 ms or more. Title matches come from ``title_vector`` (its own GIN
        index, exact: no row's vector is read); the newest ``CANDIDATES`` of them are ranked
        with the full weighted rank. Past ``TITLE_FIRST_ABOVE`` matches with too few title
        matches, the candidates are those title matches plus the newest ``CANDIDATES`` matches.
        """
        huge = total is not None and total > database.TITLE_FIRST_ABOVE
        if sort == "date" or not (title_only or huge):
            return super()._ranked(expr, filters, sort, offset, limit, total=total)
        query = self.render(expr)
        size = max(database.CANDIDATES, offset + limit)
        title_where, title_params = self._where(expr, filters, title_only=True)
        parts = [
            f"(SELECT {DOC}.page_id, {DOC}.date FROM {DOC} WHERE {title_where} "
            f"ORDER BY {DOC}.date DESC NULLS LAST LIMIT %s)"
        ]
        params = [*title_params, size]
        if not title_only:
            where, where_params = self._where(expr, filters)
            parts.append(
                f"(SELECT {DOC}.page_id, {DOC}.date FROM {DOC} WHERE {where} "
                f"ORDER BY {DOC}.date DESC NULLS LAST LIMIT %s)"
            )
            params += [*where_params, size]
        rows = self._fetch(
            f"WITH candidates AS MATERIALIZED ({' UNION '.join(parts)}) "
            f"SELECT c.page_id, ts_rank(%s::float4[], d.search_vector, to_tsquery('simple', %s))"
            f" AS score FROM candidates c JOIN {DOC} d ON d.page_id = c.page_id "
            "ORDER BY score DESC, c.date DESC NULLS LAST, c.page_id DESC LIMIT %s OFFSET %s",
            [*params, self.WEIGHTS, query, limit, offset],
        )
        return [row[0] for row in rows]

    def facet_statement(self, where, params, count):
        """One pass: GROUPING SETS hash-aggregate every facet and the total at once."""
        grouping = "GROUPING(s, t, p, y)"  # bit set = column not grouped; s is 8
        sets = {"site": 7, "type": 11, "topic": 13, "year": 14}
        cases, case_params = [], []
        for name in FACETS:
            counter, values = count(name)
            cases.append(f"WHEN {sets[name]} THEN {counter}")
            case_params.extend(values)
        counter, values = count()
        case_params.extend(values)
        facet_number = " ".join(
            f"WHEN {sets[name]} THEN {number}" for number, name in enumerate(FACETS)
        )
        sql = (
            f"SELECT CASE {grouping} {facet_number} ELSE {len(FACETS)} END, "
            f"COALESCE(s, y), COALESCE(t, p), "
            f"CASE {grouping} {' '.join(cases)} ELSE {counter} END, MIN(e) "
            f"FROM (SELECT {DOC}.site_id AS s, {DOC}.content_type AS t, {DOC}.topic AS p, "
            f"{DOC}.year AS y, {DOC}.expire_at AS e FROM {self.match_from} WHERE {where}) AS m "
            "GROUP BY GROUPING SETS ((s), (t), (p), (y), ())"
        )
        return sql, case_params + params

    def date_key(self, filters, total) -> str:
        """Keep PostgreSQL from walking the date index when the matches are few or one year's.

        Walking ``date`` backwards and testing each row's ``search_vector`` is right for a
        word in a third of the index, but reads (and de-TOASTs) tens of thousands of rows when
        the matches are few or all in an early year (the planner does not know that ``year``
        follows ``date``): 0.7 s instead of 3 ms. An expression is not an index order.
        """
        if filters.year is not None or not total or total < database.DATE_WALK_ABOVE:
            return f"({DOC}.date + interval '0 seconds')"
        return f"{DOC}.date"

    def _fetch(self, sql, params):
        """Run with sequential scans off: a match must come from the GIN index.

        The planner prices ``@@`` as cheap, so for a word in half the index it prefers a
        sequential scan that de-TOASTs and tests every document's ``search_vector`` (0.5 s on
        73k documents) over the exact GIN bitmap (20 ms). ``set_config(…, true)`` lasts for the
        transaction only, and the previous value is put back right after.
        """
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), "
                "set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        return rows

    def rebuild(self, progress=None) -> None:
        """After a full rebuild: merge the GIN pending lists and refresh planner statistics.

        Until merged (by autovacuum, later), every query scans the pending entries: up to
        4 MB per index after a bulk load (10 ms instead of 2 ms for a rare word at 73k).
        """
        with connection.cursor() as cursor:
            for index in ("search_doc_vector", "search_doc_title_vector"):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute(f"ANALYZE {DOC}")
