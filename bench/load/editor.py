"""The editor: publishes a new article every few seconds through Wagtail's revision API, then
polls every address where it appears until the article is visible there."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from bench.lib.http_client import Connection, HTTPError, Page
from bench.load.targets import Address, addresses

POLL_INTERVAL = 0.05


@dataclass
class Publication:
    number: int
    title: str
    publish_seconds: float = 0.0  # the revision publish itself (save + signals + purge)
    visible_after: dict[str, float] = field(default_factory=dict)  # address → seconds
    # When the request that first showed it was sent: the purge had happened by then; the rest
    # of visible_after is that request waiting for a fresh render behind the load.
    asked_after: dict[str, float] = field(default_factory=dict)
    never_visible: list[str] = field(default_factory=list)

    @property
    def worst(self) -> float:
        return max(self.visible_after.values(), default=float("nan"))

    @property
    def worst_asked(self) -> float:
        return max(self.asked_after.values(), default=float("nan"))


def shows(port: int, address: Address, title: str, bypass: str = "") -> bool:
    path = address.path + (("&" if "?" in address.path else "?") + bypass if bypass else "")
    conn = Connection(port, timeout=10)
    try:
        status, body = conn.get(Page("poll", "", address.host, path).request())
    except (OSError, HTTPError):
        return False
    finally:
        conn.close()
    return status == 200 and title.encode() in body


class Editor(threading.Thread):
    """Publishes `count` articles into `column`, one every `every` seconds."""

    def __init__(self, port, column, sites, *, every, count, timeout, stop: threading.Event):
        super().__init__(daemon=True)
        self.port, self.column, self.sites = port, column, sites
        self.every, self.count, self.timeout, self.stop_event = every, count, timeout, stop
        self.publications: list[Publication] = []
        self.error = ""

    def run(self) -> None:
        from django.db import connection

        try:
            start = time.monotonic()
            for number in range(1, self.count + 1):
                delay = start + number * self.every - time.monotonic()
                if self.stop_event.wait(max(0.0, delay)):
                    break
                self.publications.append(self.publish_and_watch(number))
        except Exception as exc:  # noqa: BLE001 — reported, the load goes on
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    def candidates(self, article) -> list[Address]:
        """The article's own addresses and the list pages (column, site home, portal home) on
        every host where they are served."""
        pages = [article, self.column, self.column.get_parent()]
        portal = next(s for s in self.sites if s.kind == "portal")
        pages.append(portal.root_page)
        return [address for page in pages for address in addresses(page, self.sites)]

    def publish_and_watch(self, number: int) -> Publication:
        from django.utils import timezone

        from content_models.articles.models import ArticlePage

        title = f"负载测试第{number}号通知（{timezone.now():%H%M%S}）"
        publication = Publication(number, title)
        article = ArticlePage(
            title=title,
            slug=f"load-{int(time.time())}-{number}",
            publish_at=timezone.now(),
            source="负载测试",
            body=[("paragraph", "<p>这是负载测试发布的新闻，用于测量发布后各站点可见的时间。</p>")],
        )
        t0 = time.monotonic()
        self.column.add_child(instance=article)
        article.save_revision().publish()
        published = time.monotonic()
        publication.publish_seconds = published - t0
        pending = {f"{a.host}{a.path}": a for a in self.candidates(article)}
        lock = threading.Lock()

        def watch(key: str, address: Address) -> None:
            # One poller per address, in parallel: a slow fresh render at one address must not
            # delay noticing the others.
            while time.monotonic() - published < self.timeout:
                asked = time.monotonic() - published
                if shows(self.port, address, title):
                    seen = time.monotonic() - published
                    with lock:
                        publication.visible_after[key] = seen
                        publication.asked_after[key] = asked
                        del pending[key]
                    return
                time.sleep(POLL_INTERVAL)

        watchers = [
            threading.Thread(target=watch, args=item, daemon=True) for item in pending.items()
        ]
        for watcher in watchers:
            watcher.start()
        for watcher in watchers:
            watcher.join()
        # Still not seen: a page that does not list the article at all (fine), or one serving a
        # stale copy (a failure). A fresh render (a query string never comes from the store) tells.
        publication.never_visible = sorted(
            key
            for key, address in pending.items()
            if shows(self.port, address, title, bypass=f"bench-check={number}")
        )
        return publication
