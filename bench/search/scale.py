"""Scale benchmark: all 73,064 news items over 100 sites; index build rate and query latency.

    .venv/bin/python -m bench.search.scale [--database sqlite|postgres://postgres@127.0.0.1:5432/x]
                                           [--sites 100] [--limit N] [--workers 2] [--queries 200]

1. A fresh database (temporary SQLite file, or the PostgreSQL database
   ``sitecluster_bench_search``, dropped and recreated), migrated; a portal and ``--sites``
   department sites with a news column each.
2. One live page per item, bulk-inserted (Wagtail's page rows; creating 73k pages one by one
   through the page API takes hours and is not what is measured here).
3. **Index build**: every item segmented with jieba (search mode) by ``--workers`` processes
   and written as SearchDocument rows in batches of 1,000 — the SQLite FTS5 triggers or the
   PostgreSQL generated tsvector column index them in the same statement. Documents per second.
4. **Queries**: ``--queries`` realistic queries (two title words, one common word, a tag,
   scoped to one site, filtered by year and sorted by date), each with all four facets, timed
   in-engine (``engine.search``) and through the JSON API (Django's test client: middleware,
   view, JSON), after a warm-up pass. p50/p95, twice: with every facet counted afresh (the
   facet cache off: a query nobody asked since the last index write) and with the facet counts
   the warm-up pass left in the cache (``search.engines.facet_cache``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import statistics
import time
from contextlib import contextmanager

from .fixture import build_sites, read_items, say, start_django

BATCH = 1000
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def child_path(parent_path: str, n: int) -> str:
    digits = ""
    while n:
        n, rest = divmod(n, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent_path + digits.rjust(STEPLEN, "0")


def insert_pages(items, columns):
    """Live Page rows under the columns, round robin; returns (page_id, column index) per item."""
    from django.utils import timezone

    from wagtail.models import Page

    counts = [0] * len(columns)
    rows = []
    now = timezone.now()
    for n, item in enumerate(items):
        index = n % len(columns)
        column = columns[index]
        counts[index] += 1
        rows.append(
            Page(
                title=item["title"][:255],
                slug=f"item-{n}",
                path=child_path(column.path, counts[index]),
                depth=column.depth + 1,
                numchild=0,
                url_path=f"{column.url_path}item-{n}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
                content_type_id=column.content_type_id,
                locale_id=column.locale_id,
            )
        )
    created = []
    for start in range(0, len(rows), BATCH):
        created.extend(Page.objects.bulk_create(rows[start : start + BATCH]))
    for index, column in enumerate(columns):
        Page.objects.filter(pk=column.pk).update(numchild=counts[index])
    if not created or created[0].pk is None:
        paths = {page.path: page.pk for page in Page.objects.filter(depth=columns[0].depth + 1)}
        return [(paths[row.path], n % len(columns)) for n, row in enumerate(rows)]
    return [(page.pk, n % len(columns)) for n, page in enumerate(created)]


_SITES = {}


def _document(args):
    from search.documents import document_from_text

    page_id, site_index, path, item = args
    date = dt.datetime.fromisoformat(item["date"]) if item.get("date") else None
    return document_from_text(
        page_id=page_id,
        site=_SITES[site_index],
        path=path,
        content_type="文章",
        column="工作动态",
        title=item["title"][:255],
        body=item["body"][:20000],
        metadata={"date": date, "topic": (item.get("category") or "")[:100]},
    )


def build_index(items, placed, columns, sites, workers):
    from search.models import SearchDocument

    _SITES.update(sites)
    jobs = [
        (page_id, index, None, item) for (page_id, index), item in zip(placed, items, strict=True)
    ]
    from wagtail.models import Page

    paths = dict(Page.objects.filter(pk__in=[j[0] for j in jobs]).values_list("pk", "path"))
    jobs = [(pk, index, paths[pk], item) for pk, index, _, item in jobs]
    started = time.monotonic()
    done = 0
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers) if workers > 1 else None
    try:
        mapper = pool.imap if pool else map
        batch = []
        for document in mapper(_document, jobs, **({"chunksize": 50} if pool else {})):
            batch.append(document)
            if len(batch) >= BATCH:
                SearchDocument.objects.bulk_create(batch)
                done += len(batch)
                batch = []
                if done % 10000 == 0:
                    rate = done / (time.monotonic() - started)
                    say(f"  {done}/{len(jobs)} documents, {rate:.0f}/s")
        if batch:
            SearchDocument.objects.bulk_create(batch)
            done += len(batch)
    finally:
        if pool:
            pool.close()
            pool.join()
    elapsed = time.monotonic() - started
    return done, elapsed


def make_queries(items, sites, count, seed=7):
    from search import segmentation
    from search.query import PARTICLES

    rng = random.Random(seed)
    common = ["经济", "会议", "改革", "发展", "创新", "农业", "教育", "医疗", "扶贫", "生态"]
    site_codes = [site.code for site in sites.values()]
    queries = []
    while len(queries) < count:
        item = rng.choice(items)
        words = [w for w in segmentation.words(item["title"]) if len(w) >= 2 and w not in PARTICLES]
        kind = len(queries) % 5
        if kind == 0 and len(words) >= 2:
            queries.append({"q": " ".join(rng.sample(words, 2))})
        elif kind == 1:
            queries.append({"q": rng.choice(common)})
        elif kind == 2 and item.get("tags"):
            queries.append({"q": rng.choice(item["tags"])})
        elif kind == 3 and words:
            queries.append({"q": rng.choice(words), "site": rng.choice(site_codes)})
        elif kind == 4 and words:
            year = (item.get("date") or "2020")[:4]
            queries.append({"q": rng.choice(words), "year": year, "sort": "date"})
    return queries


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def time_queries(queries, sites):
    from django.test import Client

    from search.engines import Filters, SearchRequest, get_engine
    from search.service import synonym_map

    engine = get_engine()
    synonyms = synonym_map()
    by_code = {site.code: site for site in sites.values()}

    def request(query):
        site = by_code.get(query.get("site", ""))
        return SearchRequest(
            text=query["q"],
            filters=Filters(
                site_id=site.pk if site else None,
                year=int(query["year"]) if query.get("year") else None,
            ),
            sort=query.get("sort", "relevance"),
        )

    def in_engine():
        timings, counts = [], []
        for query in queries:
            started = time.perf_counter()
            response = engine.search(request(query), synonyms)
            timings.append((time.perf_counter() - started) * 1000)
            counts.append(response.count)
        return timings, counts

    client = Client()

    def through_api():
        timings = []
        for query in queries:
            started = time.perf_counter()
            response = client.get("/api/search/", query, HTTP_HOST="hedong.bench")
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        return timings

    for query in queries:  # warm-up: jieba, caches, database pages (and the facet cache)
        engine.search(request(query), synonyms)
    timings = {}
    # Every facet counted afresh: the cost of a query nobody asked since the last index write.
    with facet_cache_off():
        timings["in-engine, facets counted"], counts = in_engine()
        timings["JSON API, facets counted"] = through_api()
    # The facet counts of the warm-up pass reused (the index has not changed since).
    timings["in-engine, facets cached"], _ = in_engine()
    timings["JSON API, facets cached"] = through_api()
    return timings, counts


@contextmanager
def facet_cache_off():
    from django.conf import settings

    saved = dict(settings.SITECLUSTER_SEARCH)
    settings.SITECLUSTER_SEARCH = {**saved, "FACET_CACHE_SECONDS": 0}
    try:
        yield
    finally:
        settings.SITECLUSTER_SEARCH = saved


def report_queries(items, sites, count):
    queries = make_queries(items, sites, count)
    timings, counts = time_queries(queries, sites)
    say(
        f"queries: {len(queries)}, median matches {statistics.median(counts):.0f}, "
        f"max {max(counts)}; load average {' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )
    for name, values in timings.items():
        target = 50 if name.startswith("in-engine") else 150
        p95 = percentile(values, 95)
        say(
            f"{name:<26} p50 {percentile(values, 50):6.1f} ms   p95 {p95:6.1f} ms   "
            f"(target p95 <= {target} ms: {'met' if p95 <= target else 'NOT met'})"
        )


def queries_only(args):
    import sys

    from .fixture import REPO

    sys.path.insert(0, str(REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sitecluster.settings.test"
    os.environ["DATABASE_URL"] = args.reuse
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settings.SITECLUSTER_SEARCH = {"ENGINE": "database"}
    from sitecluster.tenancy.models import ClusterSite, SiteKind

    members = ClusterSite.objects.exclude(kind=SiteKind.PORTAL).order_by("pk")
    sites = dict(enumerate(members))
    items = read_items("news-xwlb-full.jsonl.xz", args.limit)
    say(f"  reusing {args.reuse.split('@')[-1]}: {len(sites)} sites, {len(items)} items")
    report_queries(items, sites, args.queries)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--reuse",
        default="",
        help="a database URL a previous run built: migrate it and time the queries only",
    )
    args = parser.parse_args(argv)
    say(f"Scale: {(args.reuse or args.database).split('@')[-1]}, {args.sites} sites")
    if args.reuse:
        return queries_only(args)
    start_django(args.database)
    from django.conf import settings
    from django.db import connection

    settings.SITECLUSTER_SEARCH = {"ENGINE": "database"}
    from search import segmentation
    from search.engines import get_engine
    from search.signals import deferred
    from sitecluster.tenancy.models import ClusterSite

    with deferred():  # the benchmark indexes by itself, below
        columns = build_sites(args.sites)
    sites = {}
    for index, column in enumerate(columns):
        sites[index] = ClusterSite.objects.get(root_page_id=column.get_parent().pk)
    segmentation.load_cluster_words(force=True)
    items = read_items("news-xwlb-full.jsonl.xz", args.limit)
    say(f"  {len(items)} items read")
    started = time.monotonic()
    with deferred():
        placed = insert_pages(items, columns)
    say(f"  {len(placed)} pages inserted in {time.monotonic() - started:.0f} s")
    # How fast jieba alone runs on this machine right now (one process, 1,000 items).
    sample = items[:1000]
    started = time.monotonic()
    for item in sample:
        segmentation.index_tokens(item["title"] + "\n" + item["body"][:20000])
    jieba_rate = len(sample) / (time.monotonic() - started)
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    say(f"  jieba alone: {jieba_rate:.0f} items/s in one process; load average {load}")
    connection.close()  # the worker processes must not share the parent's connection
    done, elapsed = build_index(items, placed, columns, sites, args.workers)
    rate = done / elapsed
    say(
        f"index build: {done} documents in {elapsed:.1f} s = {rate:.0f} documents/s "
        f"(target >= 500: {'met' if rate >= 500 else 'NOT met'})"
    )
    # What rebuild_search does at the end (PostgreSQL: fresh planner statistics).
    get_engine().rebuild()
    report_queries(items, sites, args.queries)


if __name__ == "__main__":
    main()
