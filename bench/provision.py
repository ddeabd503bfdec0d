"""Provisioning benchmark: how long ``provision_site`` takes for one whole site.

``python -m bench.provision [--sites 20]`` runs, on a fresh SQLite database and (when
``DATABASE_URL`` names a PostgreSQL server) on a fresh PostgreSQL database on that server:
migrate, create the portal, then provision ``--sites`` department and street sites one after
another, each with its hostname and alias, timing every ``provision_site`` call (one
transaction: tenant, home page, 16 published columns and default pages, three groups with
their permissions, collection, workflow, routing rows, audit entry). Prints median, p95 and
max per database against the 2 s target and writes ``bench/out/provision-<timestamp>.json``.

Settings are ``sitecluster.settings.test`` with the production task backend (django-tasks'
database queue): search-index and reference-index updates are queued for the worker, as in
production, so the figures are what the information office waits for. ``--inline-tasks``
runs those updates inside the call instead (the test settings' behaviour), for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
TARGET_SECONDS = 2.0
PG_BENCH_DB = "sitecluster_bench_provision"


def say(message: str) -> None:
    print(message, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# -- inside Django (a child process per database) ----------------------------------------------


def scenario(sites: int, out: Path, inline_tasks: bool) -> None:
    import django
    from django.conf import settings

    if not inline_tasks:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from content_models.organisations.validators import make_uscc
    from sitecluster.provisioning import provision_site

    call_command("migrate", verbosity=0)
    provision_site(
        blueprint="portal",
        code="bench",
        name="基准测试区人民政府",
        org_code=make_uscc("11", "379901", "60000000"),
        hostname="bench-portal.test",
    )
    timings = []
    for index in range(1, sites + 1):
        kind = "department" if index % 3 else "street"
        started = time.perf_counter()
        provision_site(
            blueprint=kind,
            code=f"b{index:03d}",
            name=f"基准测试站点{index:03d}",
            org_code=make_uscc("11", "379901", f"{60000000 + index:08d}"),
            hostname=f"b{index:03d}.bench.test",
            aliases=[f"old-b{index:03d}.bench.test"],
        )
        timings.append(time.perf_counter() - started)
        say(f"  [{index:2d}/{sites}] {kind:<10} {timings[-1] * 1000:7.0f} ms")
    out.write_text(json.dumps({"vendor": connection.vendor, "seconds": timings}))
    connection.close()


# -- the driver ---------------------------------------------------------------------------------


def recreate_postgres_database(server_url: str) -> str:
    import psycopg

    base = server_url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')
    return f"{base}/{PG_BENCH_DB}"


def run(label: str, database_url: str, sites: int, inline_tasks: bool) -> dict:
    say(f"\n== {label}")
    out = Path(tempfile.mkstemp(prefix=f"bench-provision-{label}-", suffix=".json")[1])
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="sitecluster.settings.test")
    env["DATABASE_URL"] = database_url
    command = [sys.executable, "-m", "bench.provision", "--inner", "--sites", str(sites)]
    command += ["--out", str(out)] + (["--inline-tasks"] if inline_tasks else [])
    if subprocess.run(command, cwd=REPO, env=env).returncode != 0:
        raise SystemExit(f"The {label} run failed (see its output above).")
    result = json.loads(out.read_text())
    out.unlink()
    seconds = result["seconds"]
    result.update(median=percentile(seconds, 0.5), p95=percentile(seconds, 0.95), max=max(seconds))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--inline-tasks", action="store_true", help="index inside the call")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        scenario(args.sites, args.out, args.inline_tasks)
        return

    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-provision-") as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        results["sqlite"] = run("sqlite", url, args.sites, args.inline_tasks)
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgres"):
        url = recreate_postgres_database(server)
        results["postgresql"] = run("postgresql", url, args.sites, args.inline_tasks)
    else:
        say("\n(DATABASE_URL names no PostgreSQL server: PostgreSQL skipped)")

    tasks = "inline" if args.inline_tasks else "queued for the worker"
    say(f"\nprovision_site, {args.sites} sites each, index updates {tasks}")
    say(f"(target: every site under {TARGET_SECONDS} s)")
    say(f"{'database':<12}{'median':>10}{'p95':>10}{'max':>10}  target")
    for label, result in results.items():
        met = "met" if result["max"] < TARGET_SECONDS else "MISSED"
        say(
            f"{label:<12}{result['median'] * 1000:>8.0f}ms{result['p95'] * 1000:>8.0f}ms"
            f"{result['max'] * 1000:>8.0f}ms  {met}"
        )
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / f"provision-{datetime.now():%Y%m%d-%H%M%S}.json"
    summary = {"sites": args.sites, "inline_tasks": args.inline_tasks, "results": results}
    path.write_text(json.dumps(summary, indent=2))
    say(f"\nwritten: {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
