"""``manage.py cluster backup`` and ``cluster restore <file>`` (dispatched from ``cluster``)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from .archive import create_backup
from .restore import BackupRefused, restore_backup
from .retention import prune
from .schedule import ensure_scheduled


def add_arguments(sub) -> None:
    backup = sub.add_parser(
        "backup", help="备份数据库和媒体文件（含清单与校验和），并按保留策略清理"
    )
    backup.add_argument("--no-prune", action="store_true", help="不清理过期备份")
    backup.add_argument(
        "--schedule", action="store_true", help="只安排每日定时备份（由后台任务执行），不立即备份"
    )
    backup.add_argument("--user", default=None)
    restore = sub.add_parser("restore", help="从备份文件恢复（先校验全部文件，再替换）")
    restore.add_argument("file", help="备份文件路径（.tar.gz）")
    restore.add_argument("--yes", action="store_true", help="不再确认，直接恢复")
    restore.add_argument("--user", default=None)


def _printer(command):
    last = {}

    def progress(stage, done, total):
        if total and (done == total or done % 100 == 0 or last.get("stage") != stage):
            command.stdout.write(f"  {stage} {done}/{total}")
        elif not total and done % 500 == 0:
            command.stdout.write(f"  {stage} {done}")
        last["stage"] = stage

    return progress


def do_backup(command, acting_user, no_prune=False, schedule=False, **options) -> None:
    actor = acting_user.get_username() if acting_user else "命令行"
    if schedule:
        when = ensure_scheduled()
        if when is None:
            raise CommandError("当前任务后端不支持定时任务（run_after），未安排定时备份。")
        command.stdout.write(command.style.SUCCESS(f"下次定时备份：{when:%Y-%m-%d %H:%M}"))
        return
    command.stdout.write("开始备份……")
    try:
        entry = create_backup(actor=actor, progress=_printer(command))
    except Exception as exc:
        raise CommandError(f"备份失败：{getattr(exc, 'chinese', '') or exc}") from exc
    seconds = entry.duration.total_seconds()
    command.stdout.write(
        command.style.SUCCESS(
            f"备份完成：{entry.archive}（{entry.size / 1024 / 1024:.1f} MB，用时 {seconds:.1f} 秒）"
        )
    )
    if not no_prune and (removed := prune(actor=actor)):
        command.stdout.write(removed.message)


def do_restore(command, acting_user, file, yes=False, **options) -> None:
    actor = acting_user.get_username() if acting_user else "命令行"
    path = Path(file)
    if not yes:
        if not sys.stdin.isatty():
            raise CommandError("恢复会替换全部数据：请在终端中确认，或加 --yes。未做任何更改。")
        answer = input(f"将用 {path.name} 替换当前的数据库和全部媒体文件。继续吗？[y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            raise CommandError("已取消，未做任何更改。")
    command.stdout.write("校验备份……")
    try:
        entry = restore_backup(path, actor=actor, progress=_printer(command))
    except BackupRefused as exc:
        raise CommandError(f"{exc.chinese}\n{exc.english}") from exc
    except Exception as exc:
        raise CommandError(f"恢复失败：{getattr(exc, 'chinese', '') or exc}") from exc
    command.stdout.write(command.style.SUCCESS(entry.message))
