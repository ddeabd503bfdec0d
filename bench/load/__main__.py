"""bench/load: 50 citizens for 2 minutes over the production stack while an editor publishes.

    .venv/bin/python -m bench.load                    # starts scripts/prod-check.sh --serve
    .venv/bin/python -m bench.load --duration 20      # a quick try
    .venv/bin/python -m bench.load --env-file /tmp/sitecluster-prod-check.X/env   # attach

Clients: one thread and one keep-alive connection to nginx each, requesting portal and member
home pages, columns, articles and searches on several hostnames (own hostname and portal
path) back to back. Editor: every --publish-every seconds a new article is published through
Wagtail's revision API (in this process, on the same database and page store), then every
address where it appears is polled until it shows the article. Prints errors, p50/p95 per kind
and, per publication, the time until it was visible everywhere (target --target seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from bench.lib.http_client import Connection, HTTPError, Page
from bench.lib.load import percentile
from bench.lib.report import machine, no_nan, say
from bench.load.stack import REPO, ProdCheckStack, read_env_file

OUT = REPO / "bench" / "out"


def arguments():
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of load (120)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--publish-every", type=float, default=10.0, help="seconds (10)")
    parser.add_argument("--target", type=float, default=2.0, help="visibility target, s (2)")
    parser.add_argument("--poll-timeout", type=float, default=8.0, help="give up after, s (8)")
    parser.add_argument("--news", type=int, default=200, help="demo news items to load (200)")
    parser.add_argument("--policies", type=int, default=60, help="demo policy items (60)")
    parser.add_argument("--env-file", type=Path, help="attach to a running prod-check --serve")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/out/*.json")
    return parser.parse_args()


def run_clients(port: int, pages: list[Page], clients: int, duration: float, stop):
    """Threads requesting the pages back to back; returns {kind: [latency s]}, errors."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    requests = [(page.key, page.request()) for page in pages]
    deadline = time.monotonic() + duration

    def client(seed: int) -> None:
        order = requests[:]
        random.Random(seed).shuffle(order)
        conn = Connection(port, timeout=30)
        mine: dict[str, list[float]] = defaultdict(list)
        failed: dict[str, list[str]] = defaultdict(list)
        i = 0
        while time.monotonic() < deadline and not stop.is_set():
            kind, request = order[i % len(order)]
            i += 1
            t0 = time.perf_counter()
            try:
                status, _ = conn.get(request)
            except (OSError, HTTPError, ValueError) as exc:
                conn.close()
                failed[kind].append(f"{type(exc).__name__}: {exc}")
                continue
            if status == 200:
                mine[kind].append(time.perf_counter() - t0)
            else:
                failed[kind].append(f"HTTP {status}")
        conn.close()
        with lock:
            for kind, values in mine.items():
                latencies[kind].extend(values)
            for kind, values in failed.items():
                errors[kind].extend(values)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def report(args, pages, latencies, errors, elapsed, editor, load_before, load_after) -> dict:
    rows = []
    say("")
    say(
        f"{'kind':<8} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8}  first error"
    )
    for kind in ("portal", "home", "column", "article", "search"):
        values = sorted(v * 1000 for v in latencies.get(kind, []))
        failed = errors.get(kind, [])
        row = {
            "kind": kind,
            "urls": sum(1 for p in pages if p.key == kind),
            "requests": len(values),
            "errors": len(failed),
            "rps": round(len(values) / elapsed, 1),
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
            "p99_ms": round(percentile(values, 99), 1),
            "first_error": failed[0] if failed else "",
        }
        rows.append(row)
        say(
            f"{kind:<8} {row['requests']:>9} {row['errors']:>7} {row['rps']:>8} "
            f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8}  {row['first_error']}"
        )
    total_errors = sum(r["errors"] for r in rows)
    say(
        f"total: {sum(r['requests'] for r in rows)} requests in {elapsed:.0f} s "
        f"({args.clients} clients), {total_errors} errors"
    )
    say("")
    say("publications (seconds from publish() returning until visible at each address):")
    pubs = []
    for pub in editor.publications:
        seen = sorted(pub.visible_after.values())
        say(
            f"  #{pub.number:<3} publish {pub.publish_seconds:5.2f} s · {len(seen)} addresses · "
            f"slowest {pub.worst:5.2f} s (its request sent at {pub.worst_asked:5.2f} s)"
            + (f" · NEVER VISIBLE at {', '.join(pub.never_visible)}" if pub.never_visible else "")
        )
        pubs.append(
            {
                "number": pub.number,
                "publish_s": round(pub.publish_seconds, 3),
                "visible_after_s": {k: round(v, 3) for k, v in pub.visible_after.items()},
                "asked_after_s": {k: round(v, 3) for k, v in pub.asked_after.items()},
                "never_visible": pub.never_visible,
            }
        )
    worst = [p.worst for p in editor.publications if p.visible_after]
    late = sum(1 for p in editor.publications if p.never_visible or p.worst > args.target)
    if editor.error:
        say(f"  editor failed: {editor.error}")
    if worst:
        say(
            f"  slowest address per publication: p50 {percentile(sorted(worst), 50):.2f} s, "
            f"max {max(worst):.2f} s; {late} of {len(editor.publications)} over the "
            f"{args.target:g} s target"
        )
    say(f"load average before {load_before}, after {load_after} ({os.cpu_count()} CPUs)")
    met = total_errors == 0 and late == 0 and editor.publications and not editor.error
    say(
        "target met: 0 errors, every publication visible everywhere within "
        f"{args.target:g} s — {'yes' if met else 'NO'}"
    )
    return {
        "kinds": rows,
        "publications": pubs,
        "errors": total_errors,
        "late": late,
        "editor_error": editor.error,
        "target_met": bool(met),
    }


def main() -> int:
    args = arguments()
    stack = None
    if args.env_file:
        env = read_env_file(args.env_file)
    else:
        say(f"== starting the production stack (demo: {args.news} news, {args.policies} policies)")
        stack = ProdCheckStack(args.news, args.policies)
    try:
        if stack is not None:
            stack.start()
            env = stack.env
        os.environ.update(env)
        import django

        django.setup()
        from bench.load.editor import Editor
        from bench.load.targets import load_targets

        port = int(env["PROD_CHECK_NGINX_PORT"])
        pages, column, sites = load_targets()
        say(
            f"== {len(pages)} URLs on {len({p.host for p in pages})} hosts; "
            f"{args.clients} clients for {args.duration:g} s; a publication every "
            f"{args.publish_every:g} s into {column.url_path}"
        )
        stop = threading.Event()
        editor = Editor(
            port,
            column,
            sites,
            every=args.publish_every,
            count=int(args.duration // args.publish_every),
            timeout=args.poll_timeout,
            stop=stop,
        )
        load_before = tuple(round(v, 2) for v in os.getloadavg())
        started = time.monotonic()
        editor.start()
        latencies, errors = run_clients(port, pages, args.clients, args.duration, stop)
        elapsed = time.monotonic() - started
        stop.set()
        editor.join(timeout=args.poll_timeout + 30)
        load_after = tuple(round(v, 2) for v in os.getloadavg())
        result = report(args, pages, latencies, errors, elapsed, editor, load_before, load_after)
        if not args.no_json:
            OUT.mkdir(exist_ok=True)
            path = OUT / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
            data = {
                "machine": machine(),
                "arguments": {k: str(v) for k, v in vars(args).items()},
                "load_average": {"before": load_before, "after": load_after},
                **result,
            }
            path.write_text(json.dumps(no_nan(data), ensure_ascii=False, indent=2))
            say(f"figures written to {path.relative_to(REPO)}")
        return 0 if result["target_met"] else 1
    finally:
        if stack is not None:
            say("== stopping the production stack")
            stack.stop()


if __name__ == "__main__":
    raise SystemExit(main())
