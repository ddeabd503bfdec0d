"""``restore_backup()``: verify everything first, then replace database and media.

1. Extract the archive into staging folders (beside the live folders, so the final step is a
   rename on one file system), hashing every file; compare with the manifest: every listed file
   present with its size and SHA-256, nothing extra, vendor and migrations compatible, the dump
   readable. Any problem: the staging folders are removed, :class:`BackupRefused` is raised
   with a Chinese and an English message, and nothing live has been touched.
2. Replace the database (see :mod:`.database`), then swap each media tree in by renaming.
3. Write the maintenance log back (it is not rolled back), migrate if the backup is older than
   the code, rebuild the search index, record the run.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from . import database
from .archive import Progress
from .manifest import (
    CHUNK,
    FORMAT,
    MANIFEST,
    VERSION,
    HashingReader,
    applied_migrations,
    file_trees,
    unknown_migrations,
)
from .models import MaintenanceLogEntry, Operation, Outcome

logger = logging.getLogger(__name__)


class BackupRefused(Exception):
    """The archive cannot be restored; nothing was changed."""

    def __init__(self, chinese: str, english: str):
        super().__init__(english)
        self.chinese = chinese
        self.english = english

    def __str__(self):
        return f"{self.chinese} ({self.english})"


def _refuse(chinese: str, english: str):
    raise BackupRefused(f"备份无法恢复，未做任何更改：{chinese}", english)


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        _refuse(f"备份中含有非法路径 {name}。", f"Illegal path in archive: {name}")
    return path


class Staging:
    """Staging folders for one restore: the dump in one, each media tree beside its live one."""

    def __init__(self, dump_dir: Path):
        stamp = time.strftime("%Y%m%d%H%M%S")
        self.dump_dir = dump_dir / f".restore-{stamp}"
        self.trees = {
            prefix: root.with_name(f".{root.name}.restore-{stamp}")
            for prefix, root in file_trees().items()
        }

    def target(self, path: PurePosixPath) -> Path:
        prefix = path.parts[0]
        if len(path.parts) > 1 and prefix in self.trees:
            return self.trees[prefix].joinpath(*path.parts[1:])
        if len(path.parts) == 1:
            return self.dump_dir / path.parts[0]
        _refuse(f"备份中含有未知内容 {path}。", f"Unexpected entry in archive: {path}")

    def remove(self) -> None:
        for folder in (self.dump_dir, *self.trees.values()):
            shutil.rmtree(folder, ignore_errors=True)


def _extract(archive: Path, staging: Staging, progress: Progress) -> tuple[dict, dict]:
    """Extract into staging; returns (manifest, {name: (size, sha256)})."""
    seen: dict[str, tuple[int, str]] = {}
    manifest = None
    staging.dump_dir.mkdir(parents=True)
    for folder in staging.trees.values():
        folder.mkdir(parents=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    _refuse(f"备份中含有非普通文件 {member.name}。", f"Not a file: {member.name}")
                handle = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(handle.read().decode())
                    continue
                name = _safe_name(member.name)
                target = staging.target(name)
                target.parent.mkdir(parents=True, exist_ok=True)
                reader = HashingReader(handle)
                with target.open("wb") as out:
                    shutil.copyfileobj(reader, out)
                seen[str(name)] = (reader.size, reader.hexdigest)
                progress("校验文件", len(seen), 0)
            # tarfile stops at the first unreadable header as if the archive ended there;
            # reading the compressed stream to its end makes gzip check its length and CRC.
            while tar.fileobj.read(CHUNK):
                pass
    except (tarfile.TarError, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError) as exc:
        _refuse("备份文件已损坏或不完整（无法读取压缩包）。", f"Archive unreadable: {exc}")
    if not isinstance(manifest, dict):
        _refuse(
            "备份中缺少清单文件 manifest.json（备份不完整，或不是本系统的备份）。",
            "manifest.json missing",
        )
    return manifest, seen


def verify(archive: Path, staging: Staging, progress: Progress) -> dict:
    """Extract and check everything; raises :class:`BackupRefused`. Returns the manifest."""
    if not archive.is_file():
        _refuse(f"找不到备份文件 {archive}。", f"No such archive: {archive}")
    manifest, seen = _extract(archive, staging, progress)
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        _refuse("不是本系统的备份，或备份格式版本不受支持。", "Unknown backup format/version")
    try:
        listed = {row["path"]: (row["size"], row["sha256"]) for row in manifest["files"]}
        dump_file = manifest["database"]["file"]
    except (KeyError, TypeError) as exc:
        _refuse("备份清单格式不正确。", f"Malformed manifest: {exc!r}")
    missing = sorted(set(listed) - set(seen))
    if missing:
        _refuse(
            f"备份不完整，缺少 {len(missing)} 个文件（如 {missing[0]}）。",
            f"Partial backup: {len(missing)} files missing, e.g. {missing[0]}",
        )
    extra = sorted(set(seen) - set(listed))
    if extra:
        _refuse(
            f"备份中有清单未列出的文件（如 {extra[0]}）。", f"Unlisted file in archive: {extra[0]}"
        )
    damaged = sorted(name for name, value in seen.items() if listed[name] != value)
    if damaged:
        _refuse(
            f"{len(damaged)} 个文件校验和不符，备份已损坏（如 {damaged[0]}）。",
            f"Checksum mismatch in {len(damaged)} files, e.g. {damaged[0]}",
        )
    db = manifest.get("database", {})
    here = database.vendor()
    if db.get("vendor") != here:
        _refuse(
            f"备份来自 {db.get('vendor')} 数据库，当前使用 {here}，不能直接恢复。",
            f"Backup is from {db.get('vendor')}, this installation uses {here}",
        )
    newer = unknown_migrations(manifest.get("migrations", {}))
    if newer:
        _refuse(
            f"备份来自更新版本的系统（本系统没有迁移 {newer[0]} 等），请先升级系统。",
            f"Backup has migrations this code lacks: {', '.join(newer[:5])}",
        )
    try:
        database.check(staging.dump_dir / dump_file, here)
    except database.DatabaseError as exc:
        _refuse(exc.chinese, str(exc))
    return manifest


def _swap_trees(staging: Staging) -> None:
    for prefix, live in file_trees().items():
        staged = staging.trees[prefix]
        old = live.with_name(f".{live.name}.before-{staged.name.rsplit('-', 1)[-1]}")
        if live.exists():
            live.rename(old)
        staged.rename(live)
        shutil.rmtree(old, ignore_errors=True)


def restore_backup(
    archive: Path, actor: str = "", progress: Progress | None = None
) -> MaintenanceLogEntry:
    progress = progress or (lambda stage, done, total: None)
    started = timezone.now()
    archive = Path(archive)
    staging = Staging(archive.resolve().parent)
    try:
        manifest = verify(archive, staging, progress)
    except BackupRefused as exc:
        staging.remove()
        logger.warning("Restore of %s refused: %s", archive, exc.english)
        MaintenanceLogEntry.objects.create(
            operation=Operation.RESTORE,
            actor=actor,
            started_at=started,
            finished_at=timezone.now(),
            outcome=Outcome.REFUSED,
            archive=archive.name,
            message=exc.chinese,
        )
        raise
    log = list(MaintenanceLogEntry.objects.values())
    try:
        progress("恢复数据库", 0, 1)
        database.load(staging.dump_dir / manifest["database"]["file"])
        progress("恢复数据库", 1, 1)
        progress("替换文件", 0, 1)
        _swap_trees(staging)
        progress("替换文件", 1, 1)
    except Exception as exc:
        staging.remove()
        logger.exception("Restore of %s failed", archive)
        _write_back(log)
        MaintenanceLogEntry.objects.create(
            operation=Operation.RESTORE,
            actor=actor,
            started_at=started,
            finished_at=timezone.now(),
            outcome=Outcome.FAILED,
            archive=archive.name,
            message=f"恢复失败：{getattr(exc, 'chinese', '') or exc}",
        )
        raise
    staging.remove()
    # Content type ids in the restored database may differ from this process's cache.
    ContentType.objects.clear_cache()
    if manifest.get("migrations") != applied_migrations():
        # An older backup: bring its schema up to this code.
        call_command("migrate", interactive=False, verbosity=0)
    _write_back(log)
    _settle_runs(manifest, archive, {row["run_id"] for row in log})
    # Database and media are restored; what follows is repairable by hand, so a failure is
    # reported in the log entry instead of failing the restore.
    notes = []
    try:
        cache.clear()
    except Exception as exc:
        logger.warning("Cache not cleared after restore: %s", exc)
        notes.append("缓存未能清空（可运行 manage.py createcachetable 后重试）")
    try:
        # Every stored page may show content the restore replaced.
        call_command("pagecache", "clear", stdout=io.StringIO(), stderr=io.StringIO())
        notes.append("页面缓存已清空")
    except Exception as exc:
        logger.warning("Page cache not cleared after restore: %s", exc)
        notes.append("页面缓存未能清空，请运行 manage.py pagecache clear")
    progress("重建搜索索引", 0, 1)
    try:
        call_command("rebuild_search", stdout=io.StringIO(), stderr=io.StringIO())
        notes.append("搜索索引已重建")
    except Exception as exc:
        logger.warning("Search index not rebuilt after restore: %s", exc)
        notes.append("搜索索引重建失败，请运行 manage.py cluster rebuild-search")
    progress("重建搜索索引", 1, 1)
    return MaintenanceLogEntry.objects.create(
        operation=Operation.RESTORE,
        actor=actor,
        started_at=started,
        finished_at=timezone.now(),
        outcome=Outcome.SUCCEEDED,
        archive=archive.name,
        size=archive.stat().st_size,
        message=(
            f"已恢复 {manifest['created_at'][:16].replace('T', ' ')} 的备份："
            f"数据库和 {len(manifest['files']) - 1} 个文件；" + "；".join(notes)
        ),
    )


def _settle_runs(manifest: dict, archive: Path, known: set) -> None:
    """Runs the restored database shows as running were cut off by the dump itself."""
    stale = MaintenanceLogEntry.objects.filter(outcome=Outcome.RUNNING).exclude(run_id__in=known)
    stale.filter(run_id=manifest.get("run_id")).update(
        outcome=Outcome.SUCCEEDED,
        finished_at=timezone.now(),
        archive=archive.name,
        size=archive.stat().st_size,
        progress="完成",
    )
    stale.update(outcome=Outcome.FAILED, message="运行状态随数据库恢复而中断。")


def _write_back(log: list[dict]) -> None:
    """Put the maintenance log as it was before the restore back (entries are upserted)."""
    for row in log:
        fields = {k: v for k, v in row.items() if k not in ("id", "run_id")}
        MaintenanceLogEntry.objects.update_or_create(run_id=row["run_id"], defaults=fields)
