"""Printing and recording benchmark figures: machine description, number formatting."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

from bench.lib.http_client import Page
from bench.lib.load import Cell
from bench.lib.servers import NGINX

REPO = Path(__file__).resolve().parent.parent.parent


def run_with_servers(run, args) -> int:
    """Run a benchmark whose ``run(args)`` stops its servers in a ``finally``: SIGTERM and Ctrl-C
    unwind through it; a RuntimeError is reported as a failed benchmark."""

    def terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        return run(args)
    except KeyboardInterrupt:
        say("\nInterrupted; servers stopped.")
        return 130
    except RuntimeError as exc:
        say(f"\nBenchmark failed: {exc}")
        return 1


def say(message: str = "", end: str = "\n") -> None:
    print(message, end=end, flush=True)


def version_of(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (result.stdout + result.stderr).strip().splitlines()[0] if result.returncode == 0 else ""


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "gunicorn": version_of([sys.executable, "-m", "gunicorn", "--version"]),
        "nginx": version_of([NGINX, "-v"]),
        "git_commit": version_of(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
    }


def no_nan(value):
    """JSON has no NaN: a cell without a single successful request reports null."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {key: no_nan(item) for key, item in value.items()}
    if isinstance(value, list):
        return [no_nan(item) for item in value]
    return value


def fmt(value: float, digits: int = 1) -> str:
    return "-" if value != value else f"{value:,.{digits}f}"  # nan -> "-"


def fmt_load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


def progress(cell: Cell) -> str:
    errors = f"  {cell.errors} errors ({cell.first_error})" if cell.errors else ""
    return (
        f" {cell.requests:>5} req in {cell.seconds:>4.1f} s {fmt(cell.rps):>8} req/s  "
        f"p50 {fmt(cell.p50_ms, 2):>6}  p95 {fmt(cell.p95_ms, 2):>6}  "
        f"cpu/req {fmt(cell.server_cpu_ms_per_request, 2):>5} ms  "
        f"others {cell.other_cpus:.2f} CPU{errors}"
    )


def table(pages: list[Page], cells: list[Cell], concurrencies: list[int]) -> str:
    """One row per page and concurrency, gunicorn and nginx side by side. `cpu` is the server
    processes' CPU milliseconds per request; `x` is nginx req/s over gunicorn req/s."""
    by_key = {(cell.page, cell.server, cell.concurrency): cell for cell in cells}
    half = f"{'req/s':>9}{'p50':>8}{'p95':>8}{'cpu':>7}"
    head = f"{'':<13}{'':>5} | {'gunicorn':^32} | {'nginx (from disk)':^32} |"
    rows = [
        head,
        f"{'page':<13}{'conc':>5} | {half} | {half} | {'x':>6}",
        "-" * (len(head) + 7),
    ]
    for page in pages:
        for concurrency in concurrencies:
            g = by_key.get((page.key, "gunicorn", concurrency))
            n = by_key.get((page.key, "nginx", concurrency))
            if g is None or n is None:
                continue
            ratio = f"{n.rps / g.rps:,.0f}" if g.rps else "-"
            rows.append(
                f"{page.label:<13}{concurrency:>5} | {cells_half(g)} | {cells_half(n)} | {ratio:>6}"
            )
    rows.append("p50/p95: latency in ms; cpu: server CPU ms per request; x: nginx req/s / gunicorn")
    return "\n".join(rows)


def cells_half(cell: Cell) -> str:
    return (
        f"{fmt(cell.rps):>9}{fmt(cell.p50_ms, 2):>8}{fmt(cell.p95_ms, 2):>8}"
        f"{fmt(cell.server_cpu_ms_per_request, 2):>7}"
    )
