"""Load generation and measurement: back-to-back requests from threads, latency percentiles, CPU."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.lib.http_client import Connection, HTTPError, Page
from bench.lib.servers import CLOCK_TICKS, Server


@dataclass
class Cell:
    page: str
    server: str
    concurrency: int
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    server_cpu_ms_per_request: float  # user + system CPU of the server's processes
    other_cpus: float  # CPUs busy with anything but the server and this script, on average
    first_error: str = ""


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))  # ceil(n * q / 100), at least 1
    return sorted_values[int(rank) - 1]


def run_load(
    port: int, page: Page, concurrency: int, max_requests: int, duration: float
) -> tuple[list[float], list[str], float]:
    """`concurrency` threads, one connection each, request the page back to back until
    `max_requests` requests are sent or `duration` seconds have passed.
    Returns (latencies in seconds of the 200 responses, errors, elapsed seconds)."""
    request = page.request()
    lock = threading.Lock()
    sent = [0]
    state: dict[str, float] = {}
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: list[str] = []

    def take() -> bool:
        with lock:
            if sent[0] >= max_requests:
                return False
            sent[0] += 1
            return True

    def started() -> None:
        state["start"] = time.perf_counter()
        state["deadline"] = state["start"] + duration

    barrier = threading.Barrier(concurrency, action=started)

    def worker(mine: list[float]) -> None:
        conn = Connection(port)
        clock = time.perf_counter
        try:
            barrier.wait()
            deadline = state["deadline"]
            while clock() < deadline and take():
                t0 = clock()
                try:
                    status, _ = conn.get(request)
                except (OSError, HTTPError, ValueError) as exc:
                    conn.close()
                    errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                elapsed = clock() - t0
                if status == 200:
                    mine.append(elapsed)
                else:
                    errors.append(f"HTTP {status}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(mine,), daemon=True) for mine in latencies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - state["start"]
    return [value for mine in latencies for value in mine], errors, elapsed


def busy_cpu() -> float:
    """CPU seconds the whole machine has been busy (Linux /proc/stat, all CPUs, including
    time stolen by the hypervisor)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def measure(
    server: Server,
    page: Page,
    concurrency: int,
    *,
    max_requests: int,
    duration: float,
    warmup: float,
) -> Cell:
    if warmup > 0:
        run_load(server.port, page, concurrency, max_requests, warmup)
    cpu_before, own_before, busy_before = server.cpu_seconds(), time.process_time(), busy_cpu()
    values, errors, elapsed = run_load(server.port, page, concurrency, max_requests, duration)
    cpu = server.cpu_seconds() - cpu_before
    others = busy_cpu() - busy_before - cpu - (time.process_time() - own_before)
    answered = len(values) + len(errors)
    values.sort()
    ms = [value * 1000 for value in values]
    return Cell(
        page=page.key,
        server=server.name,
        concurrency=concurrency,
        requests=len(values),
        errors=len(errors),
        seconds=round(elapsed, 3),
        rps=round(len(values) / elapsed, 1) if elapsed else 0.0,
        p50_ms=round(percentile(ms, 50), 2),
        p95_ms=round(percentile(ms, 95), 2),
        p99_ms=round(percentile(ms, 99), 2),
        mean_ms=round(sum(ms) / len(ms), 2) if ms else float("nan"),
        max_ms=round(ms[-1], 2) if ms else float("nan"),
        server_cpu_ms_per_request=round(1000 * cpu / answered, 2) if answered else float("nan"),
        other_cpus=round(max(0.0, others) / elapsed, 2) if elapsed else 0.0,
        first_error=errors[0] if errors else "",
    )
