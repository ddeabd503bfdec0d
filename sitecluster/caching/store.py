"""The page store: rendered public pages as files, shared by every worker and by nginx.

Layout (one folder per host and page path, exactly what nginx's ``try_files`` looks up)::

    <root>/<host>/<path>/index.html        the page for ordinary visitors
    <root>/<host>/<path>/index.html.gz     the same bytes gzip-compressed (nginx gzip_static)
    <root>/<host>/<path>/index.json        headers to replay (Content-Type, Vary, X-Frame-Options…)
    <root>/<host>/<path>/care.html(.gz|.json)   the 长者模式 variant (cookie sc_care_mode=1)
    <root>/.purged                          touched on every purge (see ``write``)

Files are written to a temporary name in the same folder and renamed into place, so a reader
(a worker or nginx) sees either the whole old file, the whole new file or none. A render that
started before a purge never lands in the store: ``write`` compares the render's start time
with the purge marker before and after writing.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

VARIANTS = ("index", "care")
MARKER = ".purged"
FILE_MODE = 0o644  # nginx's workers run as another user


def page_folder(path: str) -> str | None:
    """The relative folder of a page path, or None for a path the store never holds.

    Only absolute paths ending in "/" with ordinary segments: no empty, "." or ".."-prefixed
    segments (which also keeps the marker and temporary files out of reach), no NUL byte.
    """
    if not path.startswith("/") or not path.endswith("/") or "\x00" in path or "\\" in path:
        return None
    segments = path.strip("/").split("/") if path != "/" else []
    if any(not segment or segment.startswith(".") for segment in segments):
        return None
    return "/".join(segments)


def host_folder(host: str) -> str | None:
    host = (host or "").lower().rstrip(".")
    if not host or host.startswith(".") or "/" in host or "\\" in host or ".." in host:
        return None
    return host


@dataclass(frozen=True)
class StoredPage:
    html: Path
    size: int
    mtime: float
    headers: dict

    @property
    def etag(self) -> str:
        # The same strong ETag nginx computes for a static file ("<mtime hex>-<size hex>"), so
        # a browser revalidates successfully whichever of the two answered it first.
        return f'"{int(self.mtime):x}-{self.size:x}"'


class PageStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    # --- lookup --------------------------------------------------------------------------------

    def folder(self, host: str, path: str) -> Path | None:
        host_part, path_part = host_folder(host), page_folder(path)
        if host_part is None or path_part is None:
            return None
        return self.root / host_part / path_part if path_part else self.root / host_part

    def read(self, host: str, path: str, variant: str = "index") -> StoredPage | None:
        folder = self.folder(host, path)
        if folder is None:
            return None
        html = folder / f"{variant}.html"
        try:
            stat = html.stat()
            headers = json.loads((folder / f"{variant}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return StoredPage(html=html, size=stat.st_size, mtime=stat.st_mtime, headers=headers)

    # --- writing -------------------------------------------------------------------------------

    def last_purge_ns(self) -> int:
        try:
            return (self.root / MARKER).stat().st_mtime_ns
        except OSError:
            return 0

    def write(
        self,
        host: str,
        path: str,
        variant: str,
        body: bytes,
        headers: dict,
        rendered_since_ns: int,
    ) -> StoredPage | None:
        """Store one rendering, unless a purge happened since ``rendered_since_ns``.

        Returns the stored page, or None when nothing was stored (stale render, bad path,
        or a purge removing the folder meanwhile).
        """
        folder = self.folder(host, path)
        if folder is None or variant not in VARIANTS:
            return None
        if self.last_purge_ns() >= rendered_since_ns:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # .gz and headers first, the .html last: nginx and the middleware look for the .html.
            self._replace(folder / f"{variant}.html.gz", gzip.compress(body, 6, mtime=0))
            self._replace(folder / f"{variant}.json", json.dumps(headers).encode())
            self._replace(folder / f"{variant}.html", body)
        except FileNotFoundError:  # a purge removed the folder while we wrote
            return None
        except OSError:
            logger.exception("Could not write %s%s to the page store", host, path)
            return None
        if self.last_purge_ns() >= rendered_since_ns:
            # A purge ran while we were writing: what we wrote may already be stale.
            self._remove_variants(folder)
            return None
        return self.read(host, path, variant)

    @staticmethod
    def _replace(target: Path, data: bytes) -> None:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    # --- purging -------------------------------------------------------------------------------

    def touch_marker(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.root / MARKER
        marker.touch(exist_ok=True)
        now = time.time_ns()
        os.utime(marker, ns=(now, now))

    @staticmethod
    def _remove_variants(folder: Path) -> int:
        removed = 0
        # The .html first, so nobody serves a page whose .gz or headers are already gone.
        for variant in VARIANTS:
            for suffix in (".html", ".html.gz", ".json"):
                try:
                    (folder / f"{variant}{suffix}").unlink()
                    removed += suffix == ".html"
                except FileNotFoundError:
                    pass
        return removed

    def purge_page(self, host: str, path: str) -> int:
        """Remove one page (both variants); its sub-pages stay. Returns pages removed."""
        folder = self.folder(host, path)
        return self._remove_variants(folder) if folder is not None else 0

    def purge_tree(self, host: str, path: str, keep: frozenset[str] = frozenset()) -> int:
        """Remove a page and everything below it, except the sub-trees at the paths in ``keep``
        (other sites mounted inside this one, e.g. departments under the portal's /bm/)."""
        folder = self.folder(host, path)
        if folder is None or not folder.is_dir():
            return 0
        if not keep:
            count = sum(1 for _ in folder.rglob("*.html"))
            shutil.rmtree(folder, ignore_errors=True)
            return count
        removed = self._remove_variants(folder)
        for child in folder.iterdir():
            if not child.is_dir() or child.name.startswith("."):
                continue
            child_path = f"{path}{child.name}/"
            if child_path in keep:
                continue
            if any(kept.startswith(child_path) for kept in keep):
                removed += self.purge_tree(host, child_path, keep)
            else:
                removed += self.purge_tree(host, child_path)
        return removed

    def purge_all(self) -> int:
        if not self.root.is_dir():
            return 0
        removed = 0
        for child in self.root.iterdir():
            if child.is_dir() and not child.name.startswith("."):
                removed += sum(1 for _ in child.rglob("*.html"))
                shutil.rmtree(child, ignore_errors=True)
        return removed

    def holds_pages(self) -> bool:
        try:
            with os.scandir(self.root) as entries:
                return any(e.is_dir() and not e.name.startswith(".") for e in entries)
        except OSError:
            return False

    def count(self) -> int:
        return sum(1 for _ in self.root.rglob("*.html")) if self.root.is_dir() else 0
