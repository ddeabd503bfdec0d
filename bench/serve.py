"""Serve benchmark: the demo cluster under gunicorn against nginx serving the same HTML from disk.

``make bench`` runs this file. In one run it

1. collects static files and starts gunicorn (2 sync workers, production settings, the demo
   SQLite database, Redis on loopback) on a free port on 127.0.0.1;
2. fetches a portal home, a column page and an article page once, writes that HTML to a
   temporary directory and starts nginx (2 worker processes) serving it on another free port:
   the ceiling, i.e. what serving those bytes costs with no Python at all;
3. measures requests per second and p50/p95 latency for every page x server x concurrency
   with a small keep-alive HTTP/1.1 load generator (threads, raw sockets), each cell bounded
   by a request count and a duration;
4. prints a table side by side, says whether the target (uncached article page p50 <= 30 ms
   at concurrency 1 under gunicorn) is met, and writes the figures to
   ``bench/out/serve-<timestamp>.json``.

Both servers are always stopped at the end. Only 127.0.0.1 is ever contacted. See
bench/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from bench.lib.http_client import Page, fetch
from bench.lib.load import Cell, busy_cpu, measure, run_load
from bench.lib.report import (
    fmt,
    fmt_load,
    machine,
    no_nan,
    progress,
    run_with_servers,
    say,
    table,
)
from bench.lib.servers import (
    GUNICORN_WORKERS,
    NGINX,
    Gunicorn,
    Nginx,
    write_docroot,
)

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
TARGET_PAGE = "article"
TARGET_P50_MS = 30.0
TARGET_CONCURRENCY = 1
SERVERS = ("gunicorn", "nginx")


# --- a minimal HTTP/1.1 client -----------------------------------------------------------------


# --- the load generator -------------------------------------------------------------------------


# --- the two servers ----------------------------------------------------------------------------


# --- orchestration ------------------------------------------------------------------------------


def server_env(args: argparse.Namespace) -> dict[str, str]:
    """Production settings, the demo database and Redis on loopback, a throwaway secret."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sitecluster.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        DJANGO_ALLOWED_HOSTS=f".{args.domain}",
        SITECLUSTER_PUBLIC_PORT="443",
        SITECLUSTER_DEMO_DOMAIN=args.domain,
        PYTHONUNBUFFERED="1",
    )
    if not env.get("SITECLUSTER_OIDC_PRIVATE_KEY_FILE"):
        # Production settings refuse to start without the SSO signing key: a throwaway one.
        from sitecluster.sso.keys import ensure_generated_pem

        key = Path(tempfile.mkdtemp(prefix="sitecluster-bench-oidc-")) / "signing-key.pem"
        ensure_generated_pem(key)
        env["SITECLUSTER_OIDC_PRIVATE_KEY_FILE"] = str(key)
    return env


def collectstatic(env: dict[str, str]) -> None:
    # Production uses whitenoise's manifest storage: pages cannot render without the manifest.
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"collectstatic failed:\n{result.stdout}{result.stderr}")
    lines = result.stdout.strip().splitlines()
    say(f"      {lines[-1] if lines else 'done'}")


def find_article(column: Page, html: bytes) -> Page:
    """The first article linked from the column page (its newest article)."""
    prefix = re.escape(column.path)
    match = re.search(rf'href="({prefix}[^"/?#]+/)"', html.decode("utf-8", "replace"))
    if not match:
        raise RuntimeError(
            f"no article link found on {column.url}; load the demo (make demo) or pass "
            "--article-path"
        )
    return Page("article", "article page", column.host, match.group(1))


def discover_pages(args: argparse.Namespace, port: int) -> tuple[list[Page], dict[str, bytes]]:
    portal_host = f"{args.portal}.{args.domain}"
    column_host = f"{args.department}.{args.domain}"
    portal = Page("portal", "portal home", portal_host, "/")
    column = Page("column", "column page", column_host, args.column_path)
    bodies = {}
    for page in (portal, column):
        status, bodies[page.key] = fetch(port, page)
        if status != 200:
            raise RuntimeError(f"{page.url} answered HTTP {status}")
    if args.article_path:
        article = Page("article", "article page", column_host, args.article_path)
    else:
        article = find_article(column, bodies["column"])
    status, bodies["article"] = fetch(port, article)
    if status != 200:
        raise RuntimeError(f"{article.url} answered HTTP {status}")
    return [portal, column, article], bodies


def target_verdict(cells: list[Cell]) -> dict:
    cell = next(
        (
            c
            for c in cells
            if c.page == TARGET_PAGE
            and c.server == "gunicorn"
            and c.concurrency == TARGET_CONCURRENCY
        ),
        None,
    )
    p50 = cell.p50_ms if cell else float("nan")
    cpu = cell.server_cpu_ms_per_request if cell else float("nan")
    return {
        "description": (
            f"{TARGET_PAGE} page p50 <= {TARGET_P50_MS:g} ms at concurrency "
            f"{TARGET_CONCURRENCY} (gunicorn, uncached)"
        ),
        "p50_ms": p50,
        "server_cpu_ms_per_request": cpu,
        "met": bool(cell and cell.errors == 0 and p50 <= TARGET_P50_MS),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_db = f"sqlite:///{REPO / 'var' / 'db.sqlite3'}"
    parser = argparse.ArgumentParser(
        description="Serve benchmark: gunicorn (2 workers) against nginx serving the same HTML."
    )
    parser.add_argument(
        "--concurrency",
        default="1,8",
        help="comma-separated concurrency levels (default 1,8)",
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds per cell at most (default 10)"
    )
    parser.add_argument(
        "--requests", type=int, default=20000, help="requests per cell at most (default 20000)"
    )
    parser.add_argument(
        "--warmup", type=float, default=1.0, help="unrecorded seconds before each cell (default 1)"
    )
    parser.add_argument("--database-url", default=default_db, help="default: the demo database")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument(
        "--domain", default=os.environ.get("SITECLUSTER_DEMO_DOMAIN") or "localhost"
    )
    parser.add_argument("--portal", default="hedong", help="portal hostname label")
    parser.add_argument("--department", default="fgw", help="department site hostname label")
    parser.add_argument("--column-path", default="/gzdt/", help="column page on the department")
    parser.add_argument(
        "--article-path", default="", help="article on the department (default: newest in column)"
    )
    parser.add_argument("--no-json", action="store_true", help="do not write bench/out/*.json")
    args = parser.parse_args(argv)
    try:
        args.concurrencies = sorted({int(c) for c in args.concurrency.split(",") if c.strip()})
    except ValueError:
        parser.error("--concurrency takes integers, e.g. 1,8")
    if not args.concurrencies or min(args.concurrencies) < 1:
        parser.error("--concurrency needs integers >= 1")
    if args.duration <= 0 or args.requests < 1:
        parser.error("--duration and --requests must be positive")
    return args


def preflight(args: argparse.Namespace) -> None:
    if not (os.path.isfile(NGINX) and os.access(NGINX, os.X_OK)):
        raise SystemExit("nginx not found: run `scripts/system-deps.sh bench` (or `make bench`).")
    if args.database_url.startswith("sqlite:///"):
        database = Path(args.database_url.removeprefix("sqlite:///"))
        if not database.is_file():
            raise SystemExit(f"{database} does not exist: run `make demo` first.")


def run(args: argparse.Namespace) -> int:
    preflight(args)
    started = datetime.now()
    load_before = os.getloadavg()
    busy_before = busy_cpu()
    time.sleep(1.0)
    idle_check = busy_cpu() - busy_before
    if idle_check > 0.2:
        say(
            f"Warning: other processes keep {idle_check:.2f} CPUs busy: the figures will be "
            "pessimistic (see `others` on each cell)."
        )
    env = server_env(args)
    cells: list[Cell] = []
    workdir = Path(tempfile.mkdtemp(prefix="sitecluster-bench-"))
    gunicorn = Gunicorn(workdir)
    nginx = None
    keep_logs = False
    try:
        say("[1/5] collectstatic (production settings, whitenoise manifest storage)")
        collectstatic(env)

        say(f"[2/5] starting gunicorn, {GUNICORN_WORKERS} sync workers, on port {gunicorn.port}")
        gunicorn.start(env)
        probe = Page("portal", "portal home", f"{args.portal}.{args.domain}", "/")
        gunicorn.wait_ready(probe)

        say("[3/5] rendering the three pages once through gunicorn")
        pages, bodies = discover_pages(args, gunicorn.port)
        for page in pages:
            say(f"      {page.label:<13} {page.url}  ({len(bodies[page.key]):,} bytes)")

        docroot = workdir / "html"
        nginx = Nginx(workdir, docroot)
        say(f"[4/5] starting nginx, {GUNICORN_WORKERS} workers, static copies, on :{nginx.port}")
        write_docroot(docroot, pages, bodies)
        nginx.write_config()
        nginx.start()
        nginx.wait_ready(probe, timeout=20)
        for page in pages:
            status, body = fetch(nginx.port, page)
            if status != 200 or body != bodies[page.key]:
                raise RuntimeError(
                    f"nginx does not serve the rendered {page.label} (HTTP {status})"
                )

        total = len(pages) * len(args.concurrencies) * len(SERVERS)
        budget = total * (args.duration + args.warmup)
        say(
            f"[5/5] measuring {total} cells: at most {args.requests} requests or "
            f"{args.duration:g} s each after {args.warmup:g} s warm-up (<= {budget / 60:.1f} min)"
        )
        # Warm every gunicorn worker on every page before the first recorded cell.
        for page in pages:
            run_load(gunicorn.port, page, 2 * GUNICORN_WORKERS, 10 * GUNICORN_WORKERS, 5.0)
        servers = {"gunicorn": gunicorn, "nginx": nginx}
        done = 0
        for page in pages:
            for concurrency in args.concurrencies:
                for server in SERVERS:
                    done += 1
                    say(
                        f"      {done:>2}/{total} {page.label:<13} {server:<8} c={concurrency:<3}",
                        end="",
                    )
                    cell = measure(
                        servers[server],
                        page,
                        concurrency,
                        max_requests=args.requests,
                        duration=args.duration,
                        warmup=args.warmup,
                    )
                    cells.append(cell)
                    say(progress(cell))
    except BaseException as exc:
        keep_logs = not isinstance(exc, KeyboardInterrupt)
        raise
    finally:
        if nginx is not None:
            nginx.stop()
        gunicorn.stop()
        if keep_logs:
            say(f"\nServer logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    verdict = target_verdict(cells)
    info = machine()
    load_after = os.getloadavg()
    say()
    say(
        f"Serve benchmark, {started:%Y-%m-%d %H:%M}, {info['cpus']} CPUs ({info['cpu_model']}), "
        "load generator on the same machine"
    )
    say(
        f"load average (1, 5, 15 min) before: {fmt_load(load_before)}, "
        f"after: {fmt_load(load_after)}"
    )
    if cells:
        others = [cell.other_cpus for cell in cells]
        say(
            f"other processes kept on average {sum(others) / len(others):.2f} CPUs busy during "
            f"the measured cells (at most {max(others):.2f}) of {info['cpus']}"
        )
    say(
        f"gunicorn: {GUNICORN_WORKERS} sync workers, production settings, SQLite demo database, "
        "Redis cache; no page cache"
    )
    say(f"nginx: {GUNICORN_WORKERS} workers serving the same HTML from disk (the ceiling)")
    say()
    say(table(pages, cells, args.concurrencies))
    say()
    for page in pages:
        say(f"{page.label:<13} {page.url}")
    say()
    mark = "MET" if verdict["met"] else "NOT MET"
    say(
        f"Target: {verdict['description']}: {mark} (p50 {fmt(verdict['p50_ms'], 2)} ms; "
        f"server CPU {fmt(verdict['server_cpu_ms_per_request'], 2)} ms per request)"
    )

    if not args.no_json:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        out = OUT_DIR / f"serve-{started:%Y%m%d-%H%M%S}.json"
        report = {
            "started_at": started.isoformat(timespec="seconds"),
            "finished_at": datetime.now().isoformat(timespec="seconds"),
            "machine": info,
            "busy_cpus_before": round(idle_check, 2),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "config": {
                "gunicorn_workers": GUNICORN_WORKERS,
                "nginx_workers": GUNICORN_WORKERS,
                "settings": "sitecluster.settings.production",
                "database": re.sub(r"//[^@/]*@", "//***@", args.database_url),
                "concurrency": args.concurrencies,
                "duration_s": args.duration,
                "max_requests": args.requests,
                "warmup_s": args.warmup,
            },
            "pages": [
                {**asdict(page), "url": page.url, "bytes": len(bodies[page.key])} for page in pages
            ],
            "results": [asdict(cell) for cell in cells],
            "target": verdict,
        }
        out.write_text(json.dumps(no_nan(report), indent=2, ensure_ascii=False) + "\n")
        say(f"Figures written to {out.relative_to(REPO)}")
    return 1 if any(cell.errors for cell in cells) else 0


def main(argv: list[str] | None = None) -> int:
    return run_with_servers(run, parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
