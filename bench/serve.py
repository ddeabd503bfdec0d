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
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
LOOPBACK = "127.0.0.1"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GUNICORN_WORKERS = 2
TARGET_PAGE = "article"
TARGET_P50_MS = 30.0
TARGET_CONCURRENCY = 1
SERVERS = ("gunicorn", "nginx")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Page:
    key: str  # portal | column | article
    label: str
    host: str
    path: str

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}"

    def request(self) -> bytes:
        # X-Forwarded-Proto: production settings redirect plain http to https (SSL redirect).
        return (
            f"GET {self.path} HTTP/1.1\r\n"
            f"Host: {self.host}\r\n"
            "X-Forwarded-Proto: https\r\n"
            "User-Agent: sitecluster-bench/1\r\n"
            "Accept: text/html\r\n"
            "\r\n"
        ).encode("ascii")


# --- a minimal HTTP/1.1 client -----------------------------------------------------------------


class HTTPError(Exception):
    pass


class Connection:
    """One HTTP/1.1 connection to 127.0.0.1:port, kept alive while the server allows it.

    gunicorn's sync workers answer ``Connection: close``, so against gunicorn every request
    opens a fresh loopback connection (its cost is inside the measured latency); nginx keeps
    the connection open. Responses must carry Content-Length or end with the connection.
    """

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None
        self.buffer = b""

    def _connect(self) -> None:
        sock = socket.create_connection((LOOPBACK, self.port), timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = sock
        self.buffer = b""

    def _recv(self) -> bytes:
        assert self.sock is not None
        return self.sock.recv(65536)

    def get(self, request: bytes) -> tuple[int, bytes]:
        """Send one request and read the whole response; returns (status, body)."""
        reused = self.sock is not None
        try:
            return self._exchange(request)
        except (ConnectionError, HTTPError) as exc:
            self.close()
            # A kept-alive connection the server has just closed: retry once on a new one.
            if reused and getattr(exc, "stale", False):
                return self._exchange(request)
            raise

    def _exchange(self, request: bytes) -> tuple[int, bytes]:
        if self.sock is None:
            self._connect()
        assert self.sock is not None
        try:
            self.sock.sendall(request)
        except ConnectionError as exc:
            exc.stale = True
            raise
        data = self.buffer
        while b"\r\n\r\n" not in data:
            try:
                chunk = self._recv()
            except ConnectionError as exc:
                exc.stale = not data
                raise
            if not chunk:
                error = HTTPError("connection closed before the response headers")
                error.stale = not data
                raise error
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HTTPError(f"bad status line {lines[0]!r}")
        status = int(parts[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise HTTPError("chunked responses are not supported by this load generator")
        close = headers.get("connection", "").lower() == "close"
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(rest) < length:
                chunk = self._recv()
                if not chunk:
                    raise HTTPError("connection closed in the middle of the body")
                rest += chunk
            body, self.buffer = rest[:length], rest[length:]
        else:
            while chunk := self._recv():
                rest += chunk
            body, close = rest, True
        if close:
            self.close()
        return status, body


def fetch(port: int, page: Page, timeout: float = 30.0) -> tuple[int, bytes]:
    conn = Connection(port, timeout)
    try:
        return conn.get(page.request())
    finally:
        conn.close()


# --- the load generator -------------------------------------------------------------------------


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


# --- the two servers ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Server:
    name = ""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = workdir / f"{self.name}.log"

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self, env: dict[str, str] | None = None) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C reaches us; we stop the server ourselves
            )

    def wait_ready(self, probe: Page, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with status {self.process.returncode}:\n{tail(self.log)}"
                )
            try:
                status, _ = fetch(self.port, probe, timeout=30)
                if status == 200:
                    return
                last = f"HTTP {status}"
            except (OSError, HTTPError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            time.sleep(0.25)
        raise RuntimeError(
            f"{self.name} not ready after {timeout:.0f} s ({last}):\n{tail(self.log)}"
        )

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server's master and worker processes
        (Linux /proc; clock-tick resolution, so meaningful over a whole cell only)."""
        if self.process is None:
            return 0.0
        root = self.process.pid
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process has just exited
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == root or ppid == root:
                total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / CLOCK_TICKS

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class Gunicorn(Server):
    name = "gunicorn"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(GUNICORN_WORKERS),
            "--bind",
            f"{LOOPBACK}:{self.port}",
            "--no-control-socket",
            "--chdir",
            str(REPO),
            "sitecluster.wsgi:application",
        ]


class Nginx(Server):
    name = "nginx"

    def __init__(self, workdir: Path, docroot: Path):
        super().__init__(workdir)
        self.docroot = docroot
        self.conf = workdir / "nginx.conf"

    def write_config(self) -> None:
        temp = self.workdir / "nginx-temp"
        temp.mkdir(exist_ok=True)
        w = self.workdir
        temp_paths = "\n".join(
            f"    {kind}_temp_path {temp / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        self.conf.write_text(
            f"""# Generated by bench/serve.py for one run; removed afterwards.
worker_processes {GUNICORN_WORKERS};
daemon off;
pid {w / "nginx.pid"};
error_log {self.log} warn;
events {{ worker_connections 1024; }}
http {{
    access_log {w / "nginx-access.log"} combined buffer=64k flush=1s;
{temp_paths}
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    server_tokens off;
    server {{
        listen {LOOPBACK}:{self.port} default_server;
        root {self.docroot}/$host;
        location / {{ try_files $uri/index.html $uri =404; }}
    }}
}}
"""
        )

    def command(self) -> list[str]:
        return [NGINX, "-p", str(self.workdir), "-c", str(self.conf), "-e", str(self.log)]


def write_docroot(docroot: Path, pages: list[Page], bodies: dict[str, bytes]) -> None:
    """One file per page at <docroot>/<host>/<path>[index.html], readable by nginx's workers
    (which run as an unprivileged user when the benchmark runs as root)."""
    for page in pages:
        relative = page.path.lstrip("/")
        target = (
            docroot / page.host / (relative + "index.html" if page.path.endswith("/") else relative)
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(bodies[page.key])
    for path in [docroot.parent, *docroot.rglob("*"), docroot]:
        path.chmod(0o755 if path.is_dir() else 0o644)


# --- orchestration ------------------------------------------------------------------------------


def say(message: str = "", end: str = "\n") -> None:
    print(message, end=end, flush=True)


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
    args = parse_args(argv)

    def terminate(signum, frame):  # SIGTERM: unwind through the finally that stops the servers
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


if __name__ == "__main__":
    sys.exit(main())
