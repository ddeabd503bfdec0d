"""``create_backup()``: one tar.gz with the database dump, media trees and the manifest.

The archive is written as ``<name>.partial`` and renamed when complete, so a half-written
archive never looks like a backup; every run is recorded in the maintenance log.
"""

from __future__ import annotations

import io
import json
import logging
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import database
from .manifest import (
    FORMAT,
    MANIFEST,
    VERSION,
    HashingReader,
    applied_migrations,
    file_trees,
    walk,
)
from .models import MaintenanceLogEntry, Operation, Outcome

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
PREFIX, SUFFIX = "sitecluster-", ".tar.gz"


def backup_dir() -> Path:
    return Path(settings.SITECLUSTER_BACKUPS["DIR"])


def archives() -> list[Path]:
    """Complete archives in the backup folder, oldest first."""
    folder = backup_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def _archive_path(now) -> Path:
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    path = backup_dir() / f"{PREFIX}{stamp}{SUFFIX}"
    number = 1
    while path.exists():
        number += 1
        path = backup_dir() / f"{PREFIX}{stamp}-{number}{SUFFIX}"
    return path


def _add(tar: tarfile.TarFile, name: str, path: Path, files: list[dict]) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = HashingReader(handle)
        tar.addfile(info, reader)
    files.append({"path": name, "size": reader.size, "sha256": reader.hexdigest})


def create_backup(actor: str = "", progress: Progress | None = None) -> MaintenanceLogEntry:
    """Back up database and media; returns the (finished) maintenance log entry."""
    progress = progress or (lambda stage, done, total: None)
    entry = MaintenanceLogEntry.objects.create(operation=Operation.BACKUP, actor=actor)

    def report(stage, done, total):
        progress(stage, done, total)
        text = f"{stage} {done}/{total}"
        if done == total or done % 200 == 0:
            MaintenanceLogEntry.objects.filter(pk=entry.pk).update(progress=text)

    backup_dir().mkdir(parents=True, exist_ok=True)
    target = _archive_path(entry.started_at)
    partial = target.with_name(target.name + ".partial")
    try:
        db_vendor = database.vendor()
        files: list[dict] = []
        with tempfile.TemporaryDirectory(dir=backup_dir(), prefix=".dump-") as scratch:
            report("导出数据库", 0, 1)
            dump_name = database.DUMP_NAMES[db_vendor]
            dump = database.dump(Path(scratch) / dump_name)
            report("导出数据库", 1, 1)
            trees = {prefix: walk(root) for prefix, root in file_trees().items()}
            total = sum(len(paths) for paths in trees.values())
            with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
                _add(tar, dump_name, dump, files)
                done = 0
                for prefix, paths in trees.items():
                    root = file_trees()[prefix]
                    for path in paths:
                        _add(tar, f"{prefix}/{path.relative_to(root).as_posix()}", path, files)
                        done += 1
                        report("打包文件", done, total)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": timezone.localtime(entry.started_at).isoformat(),
                    "run_id": str(entry.run_id),
                    "database": {"vendor": db_vendor, "file": dump_name},
                    "migrations": applied_migrations(),
                    "files": files,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(entry.started_at.timestamp())
                tar.addfile(info, io.BytesIO(data))
        partial.rename(target)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        logger.exception("Backup failed")
        chinese = getattr(exc, "chinese", "") or str(exc)
        entry.finish(Outcome.FAILED, f"备份失败：{chinese}")
        raise
    size = target.stat().st_size
    entry.finish(
        Outcome.SUCCEEDED,
        f"数据库（{db_vendor}）和 {len(files) - 1} 个文件",
        archive=target.name,
        size=size,
        progress="完成",
    )
    logger.info("Backup written: %s (%s bytes, %s files)", target, size, len(files))
    return entry
