"""Elasticsearch through ``elasticsearch.dsl``, for clusters that outgrow one machine.

* The index template (``<alias>-template`` for ``<alias>-*``) declares two analyzers: CJK bigrams on
  the raw title/body (typos, unknown words, highlighting) and whitespace on the jieba tokens
  (the same segmentation as the embedded engines).
* Searches go to an alias. A rebuild fills a new timestamped index with bulk requests, swaps the
  alias in one ``update_aliases`` call, then deletes the old index: no moment without an index.
* Changes arrive in bulk from the :class:`~search.models.PendingPush` queue; while the server is
  unreachable :class:`EngineUnavailable` is raised and the queue is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
)

from django.utils import timezone

from ..models import SearchDocument
from .base import Engine, EngineUnavailable, Filters
from .database import BODY_WEIGHT, NUMBER_WEIGHT, TITLE_WEIGHT

logger = logging.getLogger("sitecluster.search")

zh_bigram = analyzer(
    "zh_bigram", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"]
)
jieba_tokens = analyzer("jieba_tokens", tokenizer="whitespace", filter=["lowercase"])

TOKEN_FIELDS = [
    f"title_tokens^{TITLE_WEIGHT:g}",
    f"number_tokens^{NUMBER_WEIGHT:g}",
    f"body_tokens^{BODY_WEIGHT:g}",
]
FACET_FIELDS = ("site_id", "content_type", "topic", "year")


class PageDocument(Document):
    title = Text(analyzer=zh_bigram)
    title_tokens = Text(analyzer=jieba_tokens)
    number_tokens = Text(analyzer=jieba_tokens)
    body = Text(analyzer=zh_bigram)
    body_tokens = Text(analyzer=jieba_tokens)
    doc_number_key = Keyword()
    index_number_key = Keyword()
    site_id = Integer()
    content_type = Keyword()
    topic = Keyword()
    column = Keyword()
    path = Keyword()
    year = Integer()
    date = Date()
    expire_at = Date()

    @classmethod
    def from_row(cls, row: SearchDocument) -> PageDocument:
        return cls(
            meta={"id": row.page_id},
            **{name: getattr(row, name) for name in cls._doc_type.mapping},
        )


def index_definition(alias: str) -> Index:
    index = Index(alias)
    index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval="1s")
    index.analyzer(zh_bigram)
    index.analyzer(jieba_tokens)
    index.document(PageDocument)
    return index


def template_for(alias: str):
    return index_definition(alias).as_composable_template(
        f"{alias}-template", pattern=f"{alias}-*", priority=100
    )


def render(expr) -> str:
    """Our expression in query_string syntax (tokens are letters/digits: nothing to escape)."""
    kind, value = expr
    if kind == "tok":
        return f'"{value}"'
    joiner = " AND " if kind == "and" else " OR "
    return "(" + joiner.join(render(item) for item in value) + ")"


def to_query(expr):
    """Our match expression as one query_string query over the jieba-token fields."""
    return Q("query_string", query=render(expr), fields=TOKEN_FIELDS, default_operator="AND")


def filter_clauses(filters: Filters) -> list:
    clauses = [
        Q(
            "bool",
            should=[
                Q("bool", must_not=[Q("exists", field="expire_at")]),
                Q("range", expire_at={"gt": "now"}),
            ],
            minimum_should_match=1,
        )
    ]
    if filters.site_id is not None:
        clauses.append(Q("term", site_id=filters.site_id))
    if filters.content_type:
        clauses.append(Q("term", content_type=filters.content_type))
    if filters.topic:
        clauses.append(Q("term", topic=filters.topic))
    if filters.year is not None:
        clauses.append(Q("term", year=filters.year))
    return clauses


class RankedIds(list):
    """Page ids in rank order, with Elasticsearch's highlighted fragments by id."""

    def __init__(self, ids=()):
        super().__init__(ids)
        self.highlights: dict[int, dict[str, str]] = {}


class ElasticsearchEngine(Engine):
    name = "elasticsearch"
    external = True

    def __init__(self, client: Elasticsearch, alias: str = "sitecluster"):
        self.client = client
        self.alias = alias
        self._alias_checked = False

    @classmethod
    def from_settings(cls, config: dict) -> ElasticsearchEngine:
        options = {"request_timeout": config["TIMEOUT"], "max_retries": 0}
        if config.get("TRANSPORT_CLASS"):
            from django.utils.module_loading import import_string

            options["node_class"] = import_string(config["TRANSPORT_CLASS"])
        return cls(Elasticsearch(config["ELASTICSEARCH_URL"], **options), config["INDEX"])

    # -- requests --------------------------------------------------------------------------
    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TransportError as exc:  # connection refused, timeout, TLS…
            raise EngineUnavailable(str(exc)) from exc
        except ApiError as exc:
            if exc.meta.status >= 500:
                raise EngineUnavailable(str(exc)) from exc
            raise

    def search_for(self, expr, filters: Filters) -> Search:
        return Search(using=self.client, index=self.alias).query(
            Q("bool", must=[to_query(expr)], filter=filter_clauses(filters))
        )

    def has_at_least(self, expr, filters, n):
        search = self.search_for(expr, filters).extra(size=0, track_total_hits=n)
        response = self._call(search.execute)
        return response.hits.total.value >= n

    def facet_rows(self, expr, filters):
        search = self.search_for(expr, filters).extra(size=0, track_total_hits=False)
        sources = [{name: A("terms", field=name, missing_bucket=True)} for name in FACET_FIELDS]
        search.aggs.bucket("combos", "composite", size=10000, sources=sources)
        response = self._call(search.execute)
        return [
            (*(bucket.key[name] for name in FACET_FIELDS), bucket.doc_count)
            for bucket in response.aggregations.combos.buckets
        ]

    def ranked_ids(self, expr, filters, sort, offset, limit, total=None):
        search = self.search_for(expr, filters).source(False)
        if sort == "date":
            search = search.sort({"date": {"order": "desc"}}, {"_id": {"order": "desc"}})
        else:
            search = search.sort("_score", {"date": {"order": "desc"}})
        search = search.highlight("title", "body", fragment_size=120, number_of_fragments=1)
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            highlight_query=Q(
                "multi_match", query=self._highlight_text(expr), fields=["title", "body"]
            ).to_dict(),
        )
        response = self._call(search[offset : offset + limit].execute)
        ids = RankedIds(int(hit.meta.id) for hit in response)
        for hit in response:
            fragments = getattr(hit.meta, "highlight", None)
            if fragments:
                ids.highlights[int(hit.meta.id)] = {
                    name: fragments[name][0] for name in ("title", "body") if name in fragments
                }
        return ids

    @staticmethod
    def _highlight_text(expr) -> str:
        from ..query import tokens_of

        return " ".join(dict.fromkeys(tokens_of(expr)))

    def exact_ids(self, key, filters):
        search = (
            Search(using=self.client, index=self.alias)
            .query(
                Q(
                    "bool",
                    should=[Q("term", doc_number_key=key), Q("term", index_number_key=key)],
                    minimum_should_match=1,
                    filter=filter_clauses(filters),
                )
            )
            .sort({"date": {"order": "desc"}})
            .source(False)
        )
        return [int(hit.meta.id) for hit in self._call(search[:10].execute)]

    # -- writing ---------------------------------------------------------------------------
    def ensure_alias(self) -> None:
        if self._alias_checked:
            return
        if not self._call(self.client.indices.exists_alias, name=self.alias):
            self._create_index(with_alias=True)
        self._alias_checked = True

    def _create_index(self, with_alias: bool = False) -> str:
        """A new timestamped index from the template (behind the alias for the very first one)."""
        self._call(template_for(self.alias).save, using=self.client)
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        aliases = {self.alias: {"is_write_index": True}} if with_alias else None
        self._call(self.client.indices.create, index=name, aliases=aliases)
        return name

    def _actions(self, page_ids: Iterable[int], index: str):
        rows = {row.page_id: row for row in SearchDocument.objects.filter(page_id__in=page_ids)}
        for pk in page_ids:
            row = rows.get(pk)
            if row is None:
                yield {"_op_type": "delete", "_index": index, "_id": pk}
            else:
                yield PageDocument.from_row(row).to_dict(include_meta=True) | {"_index": index}

    def _bulk(self, actions) -> None:
        try:
            _, errors = helpers.bulk(
                self.client, actions, chunk_size=500, raise_on_error=False, stats_only=False
            )
        except TransportError as exc:
            raise EngineUnavailable(str(exc)) from exc
        failures = [e for e in errors if next(iter(e.values())).get("status") != 404]
        if failures:
            raise EngineUnavailable(f"{len(failures)} bulk actions failed: {failures[:3]}")

    def push(self, page_ids: list[int]) -> None:
        self.ensure_alias()
        self._bulk(self._actions(list(page_ids), self.alias))

    def rebuild(self, progress=None) -> None:
        started = timezone.now()
        new_index = self._create_index()
        ids = list(SearchDocument.objects.order_by("page_id").values_list("page_id", flat=True))
        for start in range(0, len(ids), 500):
            self._bulk(self._actions(ids[start : start + 500], new_index))
            if progress:
                progress(min(start + 500, len(ids)), len(ids))
        self._call(self.client.indices.refresh, index=new_index)
        try:
            old = sorted(self._call(self.client.indices.get_alias, name=self.alias).body)
        except NotFoundError:
            old = []
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias, "is_write_index": True}})
        self._call(self.client.indices.update_aliases, actions=actions)
        for name in old:
            self._call(self.client.indices.delete, index=name)
        self._alias_checked = True
        # Rows changed while the new index was being filled went to the old one: send them again.
        changed = list(
            SearchDocument.objects.filter(updated_at__gte=started).values_list("page_id", flat=True)
        )
        if changed:
            self.push(changed)
