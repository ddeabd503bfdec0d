"""Where a legacy site is read from: a saved mirror folder, or the live site over HTTP.

Both give the importer the same two things: the site's HTML pages one by one
(``iter_pages``) and any other file of the site on demand (``fetch``: images, attachments).
"""

from __future__ import annotations

import posixpath
import re
import threading
import time
import urllib.robotparser
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import requests

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jhtml")
ASSET_SUFFIXES = re.compile(
    r"\.(jpe?g|png|gif|webp|bmp|ico|svg|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|7z|wps|et|ofd|txt"
    r"|csv|rtf|odt|mp3|mp4|avi|flv|swf|exe)$",
    re.I,
)
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.I)


class SourceError(Exception):
    """The source as a whole cannot be read (bad folder, unreachable start URL)."""


class FetchError(Exception):
    """One file could not be read; the message is Chinese, for the report."""


@dataclass
class Resource:
    url: str
    data: bytes = b""
    content_type: str | None = None
    error: str = ""


def normalise_url(url: str) -> str:
    """The key a legacy URL is recorded under: no fragment, lower-case host, no default port."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if "/." in path:
        path = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
        path = path.replace("//", "/")
    return urlunsplit((scheme, host, path, parts.query, ""))


class FolderSource:
    """A mirror saved by wget/HTTrack or exported by the old CMS: one file per URL path.

    The folder is either the site root or holds one folder named after the host
    (``wget --mirror`` output); then ``base_url`` defaults to that host.
    """

    def __init__(self, root: str | Path, base_url: str = "", max_page_bytes: int = 0, hosts=()):
        root = Path(root)
        if not root.is_dir():
            raise SourceError(f"旧网站目录不存在：{root}")
        host_dirs = [p for p in root.iterdir() if p.is_dir() and "." in p.name]
        host = urlsplit(base_url).hostname if base_url else None
        if host and (root / host).is_dir():
            root = root / host
        elif not base_url and len(host_dirs) == 1 and not any(root.glob("*.htm*")):
            base_url = f"http://{host_dirs[0].name}/"
            root = host_dirs[0]
        if not base_url:
            raise SourceError(
                "无法确定旧网站的网址：请在映射文件中设置 base_url，或使用 --base-url 参数。"
            )
        self.root = root.resolve()
        self.base_url = normalise_url(base_url)
        self.max_page_bytes = max_page_bytes
        self.hosts = {urlsplit(self.base_url).hostname or "", *(h.lower() for h in hosts)}
        self._urls = None

    def describe(self) -> str:
        return f"{self.root} ({self.base_url})"

    def page_urls(self) -> list[str]:
        if self._urls is not None:
            return self._urls
        urls = []
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path.name.lower().endswith(HTML_SUFFIXES):
                relative = path.relative_to(self.root).as_posix()
                urls.append(normalise_url(urljoin(self.base_url, relative)))
        self._urls = urls
        return urls

    @property
    def total(self) -> int | None:
        return len(self.page_urls())

    def iter_pages(self):
        for url in self.page_urls():
            try:
                yield Resource(url=url, data=self.fetch(url, self.max_page_bytes))
            except FetchError as exc:
                yield Resource(url=url, error=str(exc))

    def _path_for(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if (parts.hostname or "") not in self.hosts:
            return None
        relative = unquote(parts.path).lstrip("/")
        if not relative or relative.endswith("/"):
            relative += "index.html"
        if parts.query:
            relative += "?" + parts.query
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root):
            return None
        return path

    def fetch(self, url: str, max_bytes: int = 0) -> bytes:
        path = self._path_for(url)
        if path is None or not path.is_file():
            raise FetchError("文件在旧网站镜像中不存在")
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            raise FetchError(f"文件过大（{size} 字节，上限 {max_bytes} 字节）")
        return path.read_bytes()


class _RateLimiter:
    """At most one request start every ``delay`` seconds, across all threads."""

    def __init__(self, delay: float):
        self.delay = delay
        self.lock = threading.Lock()
        self.next_at = 0.0

    def wait(self):
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_at)
            self.next_at = start + self.delay
        if start > now:
            time.sleep(start - now)


class HttpSource:
    """Crawls a live legacy site politely: same host only, robots.txt, a request rate limit,
    a few concurrent connections, a timeout and a page limit."""

    def __init__(self, start_url: str, http: dict, max_page_bytes: int = 0, hosts=()):
        parts = urlsplit(start_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceError(f"旧网站网址无效：{start_url}")
        self.start_url = normalise_url(start_url)
        self.base_url = urlunsplit((parts.scheme, parts.netloc.lower(), "/", "", ""))
        self.hosts = {parts.hostname.lower(), *(h.lower() for h in hosts)}
        self.http = http
        self.max_page_bytes = max_page_bytes
        self.limiter = _RateLimiter(http["delay"])
        self.local = threading.local()
        self.robots = None
        if http.get("respect_robots"):
            self.robots = urllib.robotparser.RobotFileParser()
            try:
                text = self._get(urljoin(self.base_url, "/robots.txt"), 512 * 1024)[0]
                self.robots.parse(text.decode("utf-8", "replace").splitlines())
            except FetchError:
                self.robots.parse([])

    total = None  # unknown until the crawl ends

    def describe(self) -> str:
        return self.start_url

    def _session(self) -> requests.Session:
        session = getattr(self.local, "session", None)
        if session is None:
            session = self.local.session = requests.Session()
            session.headers["User-Agent"] = self.http["user_agent"]
        return session

    def _get(self, url: str, max_bytes: int) -> tuple[bytes, str | None]:
        self.limiter.wait()
        try:
            with self._session().get(url, timeout=self.http["timeout"], stream=True) as response:
                if response.status_code != 200:
                    raise FetchError(f"HTTP {response.status_code}")
                length = int(response.headers.get("Content-Length") or 0)
                if max_bytes and length > max_bytes:
                    raise FetchError(f"文件过大（{length} 字节，上限 {max_bytes} 字节）")
                chunks, total = [], 0
                for chunk in response.iter_content(64 * 1024):
                    total += len(chunk)
                    if max_bytes and total > max_bytes:
                        raise FetchError(f"文件过大（超过上限 {max_bytes} 字节）")
                    chunks.append(chunk)
                return b"".join(chunks), response.headers.get("Content-Type")
        except (requests.RequestException, ValueError, UnicodeError) as exc:
            raise FetchError(f"无法下载：{type(exc).__name__}") from exc

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(self.http["user_agent"], url)

    def fetch(self, url: str, max_bytes: int = 0) -> bytes:
        if (urlsplit(url).hostname or "").lower() not in self.hosts:
            raise FetchError("不属于旧网站的文件，未下载")
        if not self.allowed(url):
            raise FetchError("robots.txt 不允许抓取")
        return self._get(url, max_bytes)[0]

    def _fetch_page(self, url: str) -> Resource:
        if not self.allowed(url):
            return Resource(url=url, error="robots.txt 不允许抓取")
        try:
            data, content_type = self._get(url, self.max_page_bytes)
        except FetchError as exc:
            return Resource(url=url, error=str(exc))
        return Resource(url=url, data=data, content_type=content_type)

    def _links(self, resource: Resource) -> list[str]:
        if resource.content_type and "html" not in resource.content_type.lower():
            return []
        found = []
        text = resource.data.decode("latin-1")  # hrefs are ASCII or percent-encoded
        for href in _HREF.findall(text):
            url = normalise_url(urljoin(resource.url, href.strip()))
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                continue
            if (parts.hostname or "") not in self.hosts or ASSET_SUFFIXES.search(parts.path):
                continue
            found.append(url)
        return found

    def iter_pages(self):
        seen = {self.start_url}
        queue = deque([self.start_url])
        budget = self.http["max_pages"]
        with ThreadPoolExecutor(max_workers=self.http["concurrency"]) as pool:
            running = set()
            while queue or running:
                while queue and len(running) < self.http["concurrency"] and budget > 0:
                    running.add(pool.submit(self._fetch_page, queue.popleft()))
                    budget -= 1
                if not running:
                    break
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    resource = future.result()
                    if not resource.error:
                        for url in self._links(resource):
                            if url not in seen:
                                seen.add(url)
                                queue.append(url)
                        if resource.content_type and "html" not in resource.content_type:
                            continue
                    yield resource


def open_source(source: str, mapping, base_url: str = ""):
    """A FolderSource or HttpSource for the --source argument."""
    max_bytes = mapping.limits["max_page_bytes"]
    if re.match(r"^https?://", source, re.I):
        return HttpSource(source, mapping.http, max_bytes, hosts=mapping.hosts)
    return FolderSource(source, base_url or mapping.base_url, max_bytes, hosts=mapping.hosts)
