"""Page cache benchmark: cached page rate through our stack against nginx serving the file.

``.venv/bin/python -m bench.cache`` (needs nginx and the demo database, like bench/serve.py).
In one run, side by side, for the portal home, a column page and an article:

- ``uncached``      gunicorn (2 sync workers, production settings), page cache off;
- ``middleware``    gunicorn with the page cache on: PageCacheMiddleware answers from the store;
- ``nginx+store``   nginx (2 workers) with deploy/nginx/page-cache.conf serving the same store,
                    gunicorn behind it for misses — the production arrangement;
- ``nginx direct``  nginx serving the same page files with a plain ``try_files`` — the ceiling.

Target (issue 10): the cached rate is at least 50 % of nginx direct's. Only 127.0.0.1 is
contacted; every process is stopped at the end; figures go to ``bench/out/cache-*.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from bench.lib.http_client import Page, fetch
from bench.lib.load import Cell, run_load
from bench.lib.page_cache import (
    SERVERS,
    CacheNginx,
    NamedGunicorn,
    PortView,
    cache_status,
    interleaved,
    readable,
)
from bench.lib.report import fmt, fmt_load, machine, no_nan, run_with_servers, say
from bench.lib.servers import GUNICORN_WORKERS, NGINX
from bench.serve import collectstatic, discover_pages, server_env

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
TARGET_SHARE = 0.5


PUBLISH = """
import time
from wagtail.models import Page, Site
site = Site.objects.get(hostname={host!r})
page = Page.objects.get(url_path=site.root_page.url_path + {path!r}.lstrip("/")).specific
started = time.perf_counter()
page.save_revision().publish()
print("publish_ms", round((time.perf_counter() - started) * 1000, 1))
"""


def measure_publish(args, env: dict[str, str], pages: list[Page], nginx_port: int) -> dict:
    """Republish the article (as an editor would) and check that, the moment publish returns,
    nginx no longer answers any of its addresses or lists from the store."""
    article = pages[-1]
    portal_host = f"{args.portal}.{args.domain}"
    affected = [
        article,
        Page(
            "article", "article (portal path)", portal_host, f"/bm/{args.department}" + article.path
        ),
        pages[1],
        Page(
            "column", "column (portal path)", portal_host, f"/bm/{args.department}" + pages[1].path
        ),
        pages[0],
    ]
    for page in affected:  # all stored before the publish
        for _ in range(2):
            cache_status(nginx_port, page)
    stored_before = [cache_status(nginx_port, page) for page in affected]
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            PUBLISH.format(host=article.host, path=article.path),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    after = [cache_status(nginx_port, page) for page in affected]
    line = next((x for x in result.stdout.splitlines() if x.startswith("publish_ms")), "")
    if not line:
        raise RuntimeError(f"publishing failed:\n{result.stdout}{result.stderr}")
    publish_ms = float(line.split()[1])
    # sitecluster.caching.purge logs each purge with its duration.
    purge_ms = [float(m) for m in re.findall(r"Page cache purge .*?([0-9.]+) ms", result.stderr)]
    purged = all(status != "HIT" for status in after)
    say(
        f"      publish of the article: {publish_ms:g} ms in all, of which purging "
        f"{sum(purge_ms):g} ms; afterwards nginx answers "
        f"{'none' if purged else 'SOME'} of its {len(affected)} addresses and lists from the "
        f"store (before: {stored_before.count('HIT')} of {len(affected)} from the store)"
    )
    for page, status in zip(affected, after, strict=True):
        say(f"        {page.url:<60} {status or '-'}")
    return {
        "publish_ms": publish_ms,
        "purge_ms": purge_ms,
        "stale_after_publish": not purged,
        "addresses": len(affected),
    }


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per cell at most")
    parser.add_argument("--requests", type=int, default=50000, help="requests per cell at most")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5, help="alternating slices per cell")
    parser.add_argument(
        "--database-url", default=f"sqlite:///{REPO / 'var' / 'db.sqlite3'}", help="demo database"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/2")
    parser.add_argument(
        "--domain", default=os.environ.get("SITECLUSTER_DEMO_DOMAIN") or "localhost"
    )
    parser.add_argument("--portal", default="hedong")
    parser.add_argument("--department", default="fgw")
    parser.add_argument("--column-path", default="/gzdt/")
    parser.add_argument("--article-path", default="")
    parser.add_argument("--no-json", action="store_true")
    args = parser.parse_args(argv)
    args.concurrencies = sorted({int(c) for c in args.concurrency.split(",") if c.strip()})
    return args


def table(pages: list[Page], cells: list[Cell], concurrencies: list[int]) -> str:
    by_key = {(c.page, c.server, c.concurrency): c for c in cells}
    head = f"{'page':<13}{'conc':>5} |" + "".join(f"{name:>14}" for name in SERVERS)
    rows = [
        "requests per second (p50 ms)",
        head + f" |{'store/direct':>14}{'mw/direct':>11}",
        "-" * (len(head) + 27),
    ]
    for page in pages:
        for concurrency in concurrencies:
            row = [by_key.get((page.key, name, concurrency)) for name in SERVERS]
            if None in row:
                continue
            figures = "".join(f"{fmt(c.rps, 0):>7} ({fmt(c.p50_ms, 2):>4})" for c in row)
            direct = row[3].rps or float("nan")
            rows.append(
                f"{page.label:<13}{concurrency:>5} |{figures} |"
                f"{row[2].rps / direct:>13.0%} {row[1].rps / direct:>10.0%}"
            )
    return "\n".join(rows)


def run(args: argparse.Namespace) -> int:
    if not (os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)):
        raise SystemExit("nginx not found: run `scripts/system-deps.sh bench`.")
    started = datetime.now()
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="sitecluster-bench-cache-"))
    store = workdir / "pagecache"
    env = server_env(args)  # includes a throwaway SSO signing key
    cached_env = {**env, "SITECLUSTER_PAGE_CACHE": "1", "SITECLUSTER_PAGE_CACHE_DIR": str(store)}
    uncached_env = {**env, "SITECLUSTER_PAGE_CACHE": "0"}
    uncached = NamedGunicorn(workdir, "uncached")
    cached = NamedGunicorn(workdir, "middleware")
    nginx = None
    cells: list[Cell] = []
    purge: dict = {}
    try:
        say("[1/5] collectstatic (production settings)")
        collectstatic(env)
        say(f"[2/5] two gunicorns ({GUNICORN_WORKERS} workers each): page cache off and on")
        uncached.start(uncached_env)
        cached.start(cached_env)
        probe = Page("portal", "portal home", f"{args.portal}.{args.domain}", "/")
        uncached.wait_ready(probe)
        cached.wait_ready(probe)
        say("[3/5] rendering the pages; filling the store through the middleware")
        pages, bodies = discover_pages(args, uncached.port)
        for page in pages:
            for _ in range(2):
                status, body = fetch(cached.port, page)
            if status != 200 or body != bodies[page.key]:
                raise RuntimeError(f"the middleware does not serve {page.url} (HTTP {status})")
            say(f"      {page.label:<13} {page.url} ({len(body):,} bytes)")
        readable(store)
        workdir.chmod(0o755)
        say("[4/5] nginx: the store through page-cache.conf, and the same files directly")
        docroot = workdir / "direct"
        shutil.copytree(store, docroot)
        readable(docroot)
        nginx = CacheNginx(workdir, store, docroot, cached.port)
        nginx.write_config()
        nginx.start()
        nginx.wait_ready(probe, timeout=20)
        servers = {
            "uncached": uncached,
            "middleware": cached,
            "nginx+store": nginx,
            "nginx direct": PortView(nginx, "nginx direct", nginx.direct_port),
        }
        for page in pages:
            for name in ("nginx+store", "nginx direct"):
                status, body = fetch(servers[name].port, page)
                if status != 200 or body != bodies[page.key]:
                    raise RuntimeError(f"{name} does not serve {page.url} (HTTP {status})")
            if cache_status(nginx.port, page) != "HIT":
                raise RuntimeError(
                    f"nginx+store passes {page.url} to gunicorn instead of the store"
                )
            run_load(uncached.port, page, 2 * GUNICORN_WORKERS, 10 * GUNICORN_WORKERS, 5.0)
        total = len(pages) * len(args.concurrencies) * len(SERVERS)
        say(f"[5/5] measuring {total} cells ({args.duration:g} s each after {args.warmup:g} s)")
        for page in pages:
            for concurrency in args.concurrencies:
                for name, cell in interleaved(servers, page, concurrency, args).items():
                    cells.append(cell)
                    say(
                        f"      {page.label:<13} c={concurrency:<3} {name:<13}"
                        f"{fmt(cell.rps, 0):>8} req/s  p50 {fmt(cell.p50_ms, 2)} ms"
                        + (f"  {cell.errors} errors ({cell.first_error})" if cell.errors else "")
                    )
        purge = measure_publish(args, cached_env, pages, nginx.port)
    finally:
        if nginx is not None:
            nginx.stop()
        cached.stop()
        uncached.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    load_after = os.getloadavg()
    info = machine()
    say()
    say(
        f"Page cache benchmark, {started:%Y-%m-%d %H:%M}, {info['cpus']} CPUs ({info['cpu_model']})"
    )
    say(f"load average before: {fmt_load(load_before)}, after: {fmt_load(load_after)}")
    if cells:
        others = sum(c.other_cpus for c in cells) / len(cells)
        say(f"other processes kept on average {others:.2f} of {info['cpus']} CPUs busy")
    say(table(pages, cells, args.concurrencies))
    by_key = {(c.page, c.server, c.concurrency): c for c in cells}
    met = all(
        by_key[(p.key, "nginx+store", c)].rps
        >= TARGET_SHARE * by_key[(p.key, "nginx direct", c)].rps
        for p in pages
        for c in args.concurrencies
    )
    say(
        f"Target: cached (nginx+store) >= {TARGET_SHARE:.0%} of nginx direct: "
        f"{'MET' if met else 'NOT MET'}"
    )
    if not args.no_json:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        out = OUT_DIR / f"cache-{started:%Y%m%d-%H%M%S}.json"
        report = {
            "started_at": started.isoformat(timespec="seconds"),
            "machine": info,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "pages": [{**asdict(p), "url": p.url} for p in pages],
            "results": [asdict(c) for c in cells],
            "target_met": met,
            "publish": purge,
        }
        out.write_text(json.dumps(no_nan(report), indent=2, ensure_ascii=False) + "\n")
        say(f"Figures written to {out.relative_to(REPO)}")
    return 1 if any(c.errors for c in cells) else 0


def main(argv: list[str] | None = None) -> int:
    return run_with_servers(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
