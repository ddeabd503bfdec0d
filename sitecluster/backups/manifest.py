"""What a backup archive holds and how it is checked: the manifest and the file trees.

An archive (``sitecluster-YYYYMMDD-HHMMSS.tar.gz``) holds the database dump, the media trees
(``media/``: images, documents; ``private/``: citizens' attachments, kept outside the public
media folder) and, last, ``manifest.json``: format version, creation time, database vendor, the
applied migrations per app, and every file with its size and SHA-256.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

FORMAT = "sitecluster-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def file_trees() -> dict[str, Path]:
    """Archive prefix → folder on disk, for every tree a backup holds."""
    media = Path(settings.MEDIA_ROOT)
    return {"media": media, "private": media.with_name(media.name + "-private")}


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app, name in sorted(loader.applied_migrations):
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(recorded: dict[str, list[str]], using: str = "default") -> list[str]:
    """Migrations a backup was made with that this code does not have (a newer backup)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True, load=True)
    on_disk = set(loader.disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in recorded.items()
        for name in names
        if (app, name) not in on_disk
    )


class HashingReader:
    """Wraps a file object; counts and hashes what is read through it."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data

    @property
    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def walk(root: Path) -> list[Path]:
    """Regular files under ``root`` in a stable order (symlinks are not followed)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
