"""Relevance benchmark: our embedded engine vs Wagtail's database backend, same pages, one run.

    .venv/bin/python -m bench.search.relevance [--sites 20] [--database sqlite|postgres://…]

The 2,000-item sample becomes article pages spread over ``--sites`` department sites. Queries:
the known-item file (exact titles, editor tags) and variants derived here with a fixed seed —
two words from the title, the title with one character replaced (a typo), and the title with a
long name replaced by its common abbreviation (the information office's synonym list holds the
same pairs). Prints success@1, success@10 and MRR per query type and engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from .fixture import read_items, say, start_django

ABBREVIATIONS = {
    "中华人民共和国": "中国",
    "中国共产党": "中共",
    "全国人民代表大会": "全国人大",
    "中国人民政治协商会议": "全国政协",
    "国务院新闻办公室": "国新办",
    "发展和改革委员会": "发改委",
    "国家发展改革委": "国家发改委",
    "人力资源和社会保障部": "人社部",
    "中央全面深化改革委员会": "中央深改委",
    "中央军事委员会": "中央军委",
    "联合国安理会": "安理会",
    "世界贸易组织": "世贸组织",
    "亚太经济合作组织": "亚太经合组织",
    "上海合作组织": "上合组织",
    "北京冬季奥运会": "北京冬奥会",
    "粤港澳大湾区": "大湾区",
    "新型冠状病毒": "新冠病毒",
    "全国人大常委会": "人大常委会",
}
TYPO_CHARACTERS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def derive_queries(items, known, seed=2026):
    from search import segmentation
    from search.query import PARTICLES

    rng = random.Random(seed)
    by_id = {item["id"]: item for item in items}
    queries = [(row["type"], row["query"], row["relevant"][0]) for row in known]
    for row in known:
        if row["type"] != "title":
            continue
        title, target = row["query"], row["relevant"][0]
        words = [w for w in segmentation.words(title) if len(w) >= 2 and w not in PARTICLES]
        if len(words) >= 3:
            picked = sorted(rng.sample(range(len(words)), 2))
            queries.append(("two_words", " ".join(words[i] for i in picked), target))
        if len(title) >= 6:
            position = rng.randrange(1, len(title) - 1)
            if title[position].strip() and "\u4e00" <= title[position] <= "\u9fff":
                typo = title[:position] + rng.choice(TYPO_CHARACTERS) + title[position + 1 :]
                queries.append(("typo", typo, target))
        for long, short in ABBREVIATIONS.items():
            if long in title:
                queries.append(("abbreviation", title.replace(long, short), target))
                break
    return [(kind, text, target) for kind, text, target in queries if target in by_id]


def load_pages(items, sites: int):
    from django.utils import timezone

    from content_models.articles.models import ArticlePage
    from search.signals import deferred

    from .fixture import build_sites

    columns = build_sites(sites)
    started = time.monotonic()
    page_of = {}
    with deferred():
        for n, item in enumerate(items):
            date = dt.datetime.fromisoformat(item["date"]) if item.get("date") else None
            page = ArticlePage(
                title=item["title"][:255],
                slug=f"item-{n}",
                body=[("paragraph", "".join(f"<p>{p}</p>" for p in item["body"].split("\n") if p))],
                publish_at=timezone.make_aware(date) if date else timezone.now(),
                import_key=f"xwlb-{item['id']}",
            )
            page = columns[n % len(columns)].add_child(instance=page)
            tags = item.get("tags") or []
            if tags:
                page.tags.add(*tags[:10])
                page.save()
            page_of[page.pk] = item["id"]
            if (n + 1) % 200 == 0:
                say(f"  {n + 1}/{len(items)} pages ({time.monotonic() - started:.0f} s)")
    say(f"  {len(items)} pages and both indexes built in {time.monotonic() - started:.0f} s")
    return page_of


def evaluate(name, run, queries, page_of):
    results = {}
    started = time.monotonic()
    for n, (kind, text, target) in enumerate(queries, 1):
        if n % 500 == 0:
            say(f"  {name}: {n}/{len(queries)} queries ({time.monotonic() - started:.0f} s)")
        ids = run(text)
        ranks = [page_of.get(pk) for pk in ids[:10]]
        rank = ranks.index(target) + 1 if target in ranks else None
        row = results.setdefault(kind, {"n": 0, "s1": 0, "s10": 0, "rr": 0.0})
        row["n"] += 1
        row["s1"] += rank == 1
        row["s10"] += rank is not None
        row["rr"] += 1 / rank if rank else 0
    elapsed = time.monotonic() - started
    say(f"  {name}: {len(queries)} queries in {elapsed:.1f} s")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--limit", type=int, default=None, help="items (default: all 2,000)")
    parser.add_argument(
        "--sample",
        type=int,
        default=200,
        help="queries per type for the side-by-side run (Wagtail's backend takes ~1 s a query "
        "here); ours also runs on every query. 0: all queries on both.",
    )
    parser.add_argument(
        "--reuse", default="", help="an SQLite file a previous run built (skips loading)"
    )
    args = parser.parse_args(argv)
    say("Relevance: embedded engine vs Wagtail's database backend")
    if args.reuse:
        import os
        import sys

        from .fixture import REPO

        sys.path.insert(0, str(REPO))
        os.environ["DJANGO_SETTINGS_MODULE"] = "sitecluster.settings.test"
        os.environ["DATABASE_URL"] = f"sqlite:///{args.reuse}"
        import django

        django.setup()
    else:
        start_django(args.database)
    from django.conf import settings

    # Wagtail's own index must be the stock backend here: that is the comparison.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    settings.SITECLUSTER_SEARCH = {"ENGINE": "database"}
    from content_models.articles.models import ArticlePage
    from search.engines import SearchRequest, get_engine
    from search.models import Synonym
    from search.service import synonym_map

    items = read_items("news-xwlb-sample-2000.jsonl", args.limit)
    known = read_items("news-xwlb-known-item-queries.jsonl")
    if args.reuse:
        page_of = {
            pk: key.removeprefix("xwlb-")
            for pk, key in ArticlePage.objects.values_list("pk", "import_key")
        }
        say(f"  reusing {args.reuse}: {len(page_of)} pages")
    else:
        for long, short in ABBREVIATIONS.items():
            Synonym.objects.create(term=short, equivalents=long)
        page_of = load_pages(items, args.sites)
    queries = derive_queries(items, known)
    sample = queries
    if args.sample:
        rng = random.Random(11)
        sample = []
        for kind in ("title", "tags", "two_words", "typo", "abbreviation"):
            of_kind = [query for query in queries if query[0] == kind]
            sample.extend(rng.sample(of_kind, min(args.sample, len(of_kind))))
    engine = get_engine()
    synonyms = synonym_map()

    def ours(text):
        return [hit.page_id for hit in engine.search(SearchRequest(text=text), synonyms).hits]

    def wagtail(text):
        return [page.pk for page in ArticlePage.objects.live().search(text)[:10]]

    all_ours = evaluate("embedded, every query", ours, queries, page_of)
    ours_results = evaluate("embedded, sample", ours, sample, page_of)
    wagtail_results = evaluate("Wagtail database backend, sample", wagtail, sample, page_of)
    say("")
    say(f"Side by side on the same {len(sample)} queries ({args.sample or 'all'} per type):")
    say(
        f"{'query type':<14}{'n':>6}  {'ours s@1':>9}{'s@10':>7}{'MRR':>7}   "
        f"{'Wagtail s@1':>12}{'s@10':>7}{'MRR':>7}"
    )
    for kind in ("title", "tags", "two_words", "typo", "abbreviation"):
        a, b = ours_results.get(kind), wagtail_results.get(kind)
        if not a:
            continue
        n = a["n"]
        say(
            f"{kind:<14}{n:>6}  {a['s1'] / n:>9.3f}{a['s10'] / n:>7.3f}{a['rr'] / n:>7.3f}   "
            f"{b['s1'] / n:>12.3f}{b['s10'] / n:>7.3f}{b['rr'] / n:>7.3f}"
        )
    say("")
    say(f"Ours on every query ({len(queries)}):")
    for kind in ("title", "tags", "two_words", "typo", "abbreviation"):
        a = all_ours.get(kind)
        if a:
            n = a["n"]
            say(f"{kind:<14}{n:>6}  {a['s1'] / n:>9.3f}{a['s10'] / n:>7.3f}{a['rr'] / n:>7.3f}")
    title, two = all_ours["title"], all_ours.get("two_words")
    say("")
    say(
        f"target success@10 >= 0.95 on titles: {title['s10'] / title['n']:.3f} "
        f"({'met' if title['s10'] / title['n'] >= 0.95 else 'NOT met'})"
    )
    if two:
        say(
            f"target success@10 >= 0.80 on two-word queries: {two['s10'] / two['n']:.3f} "
            f"({'met' if two['s10'] / two['n'] >= 0.80 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
