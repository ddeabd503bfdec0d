"""Run the admin scenario on SQLite and on PostgreSQL (when reachable), print one table."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench.lib.report import fmt, machine, say

REPO = Path(__file__).resolve().parent.parent.parent
OUT_DIR = REPO / "bench" / "out"
TARGET_P95_MS = 300.0
PG_BENCH_DB = "sitecluster_bench_admin"


def postgres_url(explicit: str) -> str:
    if explicit:
        return explicit
    sock = socket.socket()
    sock.settimeout(1)
    try:
        reachable = sock.connect_ex(("127.0.0.1", 5432)) == 0
    finally:
        sock.close()
    return f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}" if reachable else ""


def recreate_postgres_database(url: str) -> None:
    """A fresh, empty database for the run (the scenario migrates it)."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_scenario(label: str, database_url: str, args: argparse.Namespace) -> dict:
    say(f"\n== {label}: {database_url}")
    out = Path(tempfile.mkstemp(prefix=f"bench-admin-{label}-", suffix=".json")[1])
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="sitecluster.settings.test", DATABASE_URL=database_url)
    command = [
        sys.executable,
        "-m",
        "bench.admin.scenario",
        "--sites",
        str(args.sites),
        "--roles",
        str(args.roles),
        "--requests",
        str(args.requests),
        "--out",
        str(out),
    ]
    if subprocess.run(command, cwd=REPO, env=env).returncode != 0:
        raise SystemExit(f"The {label} scenario failed (see its output above).")
    result = json.loads(out.read_text())
    out.unlink()
    return result


def table(results: dict[str, dict]) -> str:
    labels = list(results)
    views = list(next(iter(results.values()))["views"])
    head = f"{'view':<34}" + "".join(
        f"{label + ' p50':>13}{label + ' p95':>13}{'queries':>9}" for label in labels
    )
    rows = [head, "-" * len(head)]
    for view in views:
        row = f"{view:<34}"
        for label in labels:
            cell = results[label]["views"][view]
            row += f"{fmt(cell['p50_ms']):>13}{fmt(cell['p95_ms']):>13}{cell['queries']:>9}"
        rows.append(row)
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.admin", description=__doc__)
    parser.add_argument("--sites", type=int, default=100, help="member sites to provision")
    parser.add_argument("--roles", type=int, default=10, help="sites the measured user works on")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per view")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: loopback)")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args(argv)

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-admin-") as tmp:
        results["sqlite"] = run_scenario("sqlite", f"sqlite:///{tmp}/bench.sqlite3", args)
    pg = "" if args.sqlite_only else postgres_url(args.database_url)
    if pg:
        recreate_postgres_database(pg)
        results["postgres"] = run_scenario("postgres", pg, args)
    else:
        say("PostgreSQL not reachable: only SQLite was measured.")

    say(f"\n{args.sites} sites; user with roles on {args.roles}; {args.requests} timed requests")
    say(table(results))
    verdicts = []
    for label, result in results.items():
        worst = max(cell["p95_ms"] for cell in result["views"].values())
        growth = result["query_growth"]
        verdicts.append(
            f"{label}: worst p95 {fmt(worst)} ms (target <= {TARGET_P95_MS:.0f} ms: "
            f"{'met' if worst <= TARGET_P95_MS else 'NOT met'}); queries at "
            f"{result['first_sites']} vs {args.sites} sites: "
            + ", ".join(f"{view} {a}->{b}" for view, (a, b) in growth.items())
        )
    say("\n" + "\n".join(verdicts))
    OUT_DIR.mkdir(exist_ok=True)
    out = OUT_DIR / f"admin-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))
    say(f"Figures written to {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
