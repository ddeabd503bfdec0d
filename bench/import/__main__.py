"""Legacy-site import benchmark: pages/s importing a generated 1,000-page mirror, and what the
sanitizer costs per page.

    .venv/bin/python bench/import [--pages 1000] [--tasks queued|immediate] [--database-url URL]

``import`` is a Python keyword, so this folder runs as a script (not ``python -m``). It builds a
TRS-style mirror from the 新闻联播 sample (real page HTML; a tenth of the pages GBK, every tenth
with an image, every twentieth with an attachment, links to the previous article), migrates a
fresh database (SQLite in a temporary folder, or ``--database-url``), provisions a portal and one
department, then times ``migrate_legacy_site`` twice (the second run must change nothing).
Index updates are queued for the worker as in production (``--tasks immediate`` runs them
inline). Prints the figures and writes them to bench/out/import-<time>.json.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import datetime  # noqa: E402

SAMPLE = REPO.parent / "shared" / "data" / "news-xwlb-sample-2000.jsonl"
FALLBACK = REPO / "tests" / "fixtures" / "legacy" / "articles.jsonl"
TARGET_PAGES_PER_SECOND = 50.0
PAGE = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}_河东区发展和改革委员会</title><script src="/js/jquery.js"></script></head><body>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="../">工作动态</a></div>
<div class="article"><div class="title"><h1>{title}</h1></div>
<div class="article-info"><span class="time">{date}</span> <span class="source">来源：{source}</span></div>
<div class="TRS_Editor">{body}</div>{attachments}
<div class="share"><a href="javascript:share()">分享</a></div></div>
<img src="/stat/pixel.gif" width="1" height="1"></body></html>"""  # noqa: E501


def say(message: str = "") -> None:
    print(message, flush=True)


def load_rows(pages: int) -> list[dict]:
    path = SAMPLE if SAMPLE.exists() else FALLBACK
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [rows[i % len(rows)] for i in range(pages)]


def jpeg(seed: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (seed * 40 % 256, 90, 160)).save(out, "JPEG", quality=80)
    return out.getvalue()


def build_mirror(root: Path, rows: list[dict]) -> Path:
    site = root / "www.bench-old.gov.cn"
    previous = ""
    for n, row in enumerate(rows):
        year, month, day = row["date"][:10].split("-")
        path = f"xwzx/gzdt/{year}{month}/t{year}{month}{day}_{100000 + n}.html"
        body = row["body_html"] or f"<p>{row['title']}</p>"
        if previous:
            body += f'<p>相关：<a href="/{previous}">上一篇</a></p>'
        if n % 10 == 0:
            body += f'<p><img src="/images/photo{n // 10 % 20}.jpg" alt="图片"></p>'
        attachments = ""
        if n % 20 == 0:
            attachments = '<div class="fj"><a href="/uploads/guide.pdf">办事指南.pdf</a></div>'
        gbk = n % 10 == 5
        html = PAGE.format(
            charset="gb2312" if gbk else "utf-8",
            title=row["title"],
            date=row["date"],
            source=row.get("source") or "本站",
            body=body,
            attachments=attachments,
        )
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html.encode("gb18030" if gbk else "utf-8"))
        previous = path
    (site / "images").mkdir(parents=True, exist_ok=True)
    for n in range(20):
        (site / "images" / f"photo{n}.jpg").write_bytes(jpeg(n))
    (site / "uploads").mkdir(parents=True, exist_ok=True)
    (site / "uploads" / "guide.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (site / "index.html").write_text("<html><body>首页</body></html>", "utf-8")
    return site


def sanitizer_cost(rows: list[dict]) -> dict:
    """ms per page: nh3 alone, and the whole body pipeline (nh3 + tree walk + blocks)."""

    from migrations.legacy.cleaning import clean_body, sanitize

    class Resolver:
        def link(self, href):
            return ("external", href)

        def image(self, src, alt):
            return None, "not measured"

    bodies = [row["body_html"] or "" for row in rows]
    timings = {}
    for label, function in (
        ("nh3_ms_per_page", sanitize),
        ("body_pipeline_ms_per_page", lambda html: clean_body(html, Resolver())),
    ):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            for body in bodies:
                function(body)
            runs.append((time.perf_counter() - started) * 1000 / len(bodies))
        timings[label] = round(statistics.median(runs), 3)
    timings["median_body_bytes"] = int(statistics.median(len(b.encode()) for b in bodies))
    return timings


def recreate_postgres_database(url: str) -> None:
    """A fresh, empty database for the run (it is migrated below)."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--tasks", choices=["queued", "immediate"], default="queued")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--profile", action="store_true", help="cProfile the first run")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "sitecluster.settings.test"
    os.environ["SITECLUSTER_VAR_DIR"] = str(workdir / "var")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
        if args.database_url.startswith("postgres"):
            recreate_postgres_database(args.database_url)
    (workdir / "var").mkdir()

    import django
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    if args.tasks == "queued":  # as in production: the worker updates the search index later
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from bench.lib.report import machine
    from content_models.organisations.validators import make_uscc
    from sitecluster.provisioning import provision_site

    rows = load_rows(args.pages)
    say(f"SiteCluster legacy import benchmark — {args.pages} pages, tasks {args.tasks}")
    say(f"database: {connection.vendor}; work folder {workdir}")
    mirror = build_mirror(workdir / "mirror", rows)
    say("sanitizer cost …")
    cost = sanitizer_cost(rows)
    say("migrating a fresh database …")
    call_command("migrate", verbosity=0)
    provision_site(
        blueprint="portal",
        code="bench",
        name="基准测试区人民政府",
        org_code=make_uscc("11", "379901", "00000001"),
        hostname="bench-portal.test",
    )
    provision_site(
        blueprint="department",
        code="fgw",
        name="基准测试区发展和改革委员会",
        org_code=make_uscc("11", "379901", "00000002"),
        hostname="fgw.bench.test",
    )
    figures = {}
    for label in ("first_run", "second_run"):
        report_path = workdir / f"{label}.txt"
        profiler = cProfile.Profile() if args.profile and label == "first_run" else None
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        call_command(
            "migrate_legacy_site",
            "--source", str(mirror.parent), "--site", "fgw", "--mapping", "trs",
            "--report", str(report_path), verbosity=0,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        if profiler:
            profiler.disable()
            stats = pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
            stats.print_stats(45)
            for function in ("pages.py:771", "mp_tree.py:263", "dispatcher.py:159"):
                stats.print_callees(function)
        report = json.loads(report_path.with_suffix(".json").read_text("utf-8"))
        counts = report["counts"]
        figures[label] = {
            "seconds": round(seconds, 2),
            "pages_per_second": round(args.pages / seconds, 1),
            "cpu_seconds": round(cpu_seconds, 2),
            "pages_per_cpu_second": round(args.pages / cpu_seconds, 1),
            "created": counts["created"],
            "unchanged": counts["unchanged"],
            "failed": counts["failed"],
            "skipped": counts["skipped"],
            "images_created": counts["images_created"],
            "images_reused": counts["images_reused"],
            "documents_created": counts["documents_created"],
            "redirects_created": counts["redirects_created"],
            "links_rewritten": counts["links_rewritten"],
        }
    first, second = figures["first_run"], figures["second_run"]
    say("")
    say(f"{'':<34}{'first run':>12}{'second run':>12}")
    for key in first:
        say(f"{key:<34}{first[key]:>12}{second[key]:>12}")
    say("")
    say(f"nh3 only                 {cost['nh3_ms_per_page']:.3f} ms/page")
    say(f"body pipeline (nh3+walk) {cost['body_pipeline_ms_per_page']:.3f} ms/page")
    say(f"median body              {cost['median_body_bytes']} bytes")
    verdict = "PASS" if first["pages_per_second"] >= TARGET_PAGES_PER_SECOND else "FAIL"
    say(f"target ≥ {TARGET_PAGES_PER_SECOND:.0f} pages/s on the first run: {verdict}")
    load = os.getloadavg()[0]
    say(f"load average during the run: {load:.1f} on {os.cpu_count()} CPUs")
    if load > (os.cpu_count() or 1):
        say("the machine was busy: pages_per_cpu_second is what one free core achieves")
    if second["created"] or first["failed"]:
        say("WARNING: the second run created pages, or pages failed: see the reports")
    out = REPO / "bench" / "out" / f"import-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "machine": machine(),
                "pages": args.pages,
                "tasks": args.tasks,
                "database": connection.vendor,
                "runs": figures,
                "load_average": os.getloadavg()[0],
                "sanitizer": cost,
                "target_pages_per_second": TARGET_PAGES_PER_SECOND,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    say(f"written to {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
