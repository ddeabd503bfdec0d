"""The stack under load: `scripts/prod-check.sh --serve` (nginx + gunicorn + worker, production
settings, PostgreSQL, Redis), started and always stopped, or one that is already running."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from bench.lib.report import say

REPO = Path(__file__).resolve().parent.parent.parent
READY = "PROD-CHECK READY "


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name] = value
    return values


class ProdCheckStack:
    """Runs the prod-check script in serve mode; `env` holds the production environment."""

    def __init__(self, news: int, policies: int, timeout: float = 1800):
        self.news, self.policies, self.timeout = news, policies, timeout
        self.process: subprocess.Popen | None = None
        self.env: dict[str, str] = {}
        self.log: list[str] = []

    def start(self) -> None:
        env = {
            **os.environ,
            "PROD_CHECK_NEWS": str(self.news),
            "PROD_CHECK_POLICIES": str(self.policies),
        }
        self.process = subprocess.Popen(
            [str(REPO / "scripts" / "prod-check.sh"), "--serve"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.timeout
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.rstrip("\n")
            self.log.append(line)
            say(f"  | {line}")
            if line.startswith(READY):
                self.env = read_env_file(Path(line[len(READY) :].strip()))
                return
            if time.monotonic() > deadline:
                break
        raise RuntimeError("prod-check did not become ready:\n" + "\n".join(self.log[-30:]))

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)  # its trap stops nginx, gunicorn and the worker
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
