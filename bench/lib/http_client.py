"""A minimal keep-alive HTTP/1.1 client over raw sockets, for load generation on loopback."""

from __future__ import annotations

import socket
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"


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
