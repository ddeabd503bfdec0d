"""manage.py rebuild_search — rebuild the whole search index with a progress bar.

``--replay`` only pushes the changes queued while an external engine was down.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import EngineUnavailable, get_engine


class Command(BaseCommand):
    help = "重建站群搜索索引（全部页面），或用 --replay 补推搜索引擎离线期间排队的变更。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--replay", action="store_true", help="只补推排队的变更，不重建全部索引。"
        )

    def handle(self, *args, replay=False, **options):
        self.started = time.monotonic()
        engine = get_engine()
        try:
            if replay:
                remaining = indexing.flush(engine, progress=self.progress)
                self.finish_line()
                if remaining:
                    raise CommandError(f"搜索引擎不可用，仍有 {remaining} 条变更排队。")
                self.stdout.write(self.style.SUCCESS("排队的搜索变更已全部同步。"))
                return
            count = indexing.rebuild_everything(progress=self.progress)
        except EngineUnavailable as exc:
            self.finish_line()
            raise CommandError(f"搜索引擎不可用：{exc}") from exc
        self.finish_line()
        elapsed = time.monotonic() - self.started
        self.stdout.write(
            self.style.SUCCESS(
                f"搜索索引已重建（{engine.name}）：{count} 个页面，用时 {elapsed:.1f} 秒。"
            )
        )

    def progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / max(time.monotonic() - self.started, 1e-6)
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {rate:.0f} 页/秒"
        self.stdout.write(line, ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        self._progress_shown = True

    def finish_line(self):
        if getattr(self, "_progress_shown", False):
            self.stdout.write("")
            self._progress_shown = False
