"""manage.py migrate_legacy_site --source <folder|URL> --site <code> --mapping <file.yaml>"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from migrations.legacy.importer import LegacyImporter
from migrations.legacy.mapping import MappingError, load_mapping
from migrations.legacy.sources import SourceError, open_source
from sitecluster.tenancy.models import ClusterSite

STATUS_LABELS = {
    "created": "新建",
    "unchanged": "已导入",
    "changed": "已导入（旧页面有变化）",
    "skipped": "跳过",
    "failed": "失败",
    "not_article": "非文章",
}


class Command(BaseCommand):
    help = (
        "把旧政府网站（镜像目录或 http(s) 网址）的文章迁移到站群成员站点的栏目中，"
        "清理正文、导入图片和附件、为每个旧网址建立 301 跳转。"
        " / Import a legacy government website into a member site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", required=True, help="旧网站镜像目录，或 http(s):// 网址")
        parser.add_argument("--site", required=True, help="目标站点代码，如 fgw")
        parser.add_argument(
            "--mapping",
            required=True,
            help="映射文件（YAML）路径，或内置映射名 trs / hanweb",
        )
        parser.add_argument("--dry-run", action="store_true", help="试运行：完整执行但不保存")
        parser.add_argument(
            "--resume", action="store_true", help="继续上次中断的导入：已导入的网址直接跳过"
        )
        parser.add_argument("--base-url", default="", help="旧网站网址（覆盖映射文件的 base_url）")
        parser.add_argument("--limit", type=int, default=None, help="本次最多新建多少篇文章")
        parser.add_argument(
            "--report", default="", help="报告文件路径（默认 var/legacy-import/<站点>-<时间>.txt）"
        )

    def handle(self, *args, **options):
        code = options["site"].strip()
        site = ClusterSite.objects.filter(code=code).first()
        if site is None:
            known = ", ".join(ClusterSite.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(
                f"站点代码“{code}”不存在；现有站点：{known or '（无）'}。"
                f" / Unknown site code {code!r}."
            )
        if not site.is_active:
            raise CommandError(f"站点“{site.name}”已归档，不能导入。 / Site {code!r} is archived.")
        try:
            mapping = load_mapping(options["mapping"])
            source = open_source(options["source"], mapping, base_url=options["base_url"])
            importer = LegacyImporter(
                site,
                source,
                mapping,
                dry_run=options["dry_run"],
                resume=options["resume"],
                limit=options["limit"],
                progress=self._progress(options["verbosity"], getattr(source, "total", None)),
            )
        except MappingError as exc:
            raise CommandError(f"映射文件有误：{exc} / Bad mapping file.") from exc
        except SourceError as exc:
            raise CommandError(f"无法读取旧网站：{exc} / Cannot read the source.") from exc

        self.stdout.write(
            f"开始导入 {source.describe()} → {site.name}（{site.code}），映射：{mapping.name}"
            + ("（试运行）" if options["dry_run"] else "")
        )
        self._started = time.monotonic()
        report = importer.run()
        path = Path(options["report"]) if options["report"] else self._default_report_path(code)
        text_path, data_path = report.save(path)
        if options["verbosity"] >= 1:
            self.stdout.write("")
            self.stdout.write(report.render_text())
        self.stdout.write(f"报告已保存：{text_path}（数据：{data_path}）")
        if report.interrupted:
            self.stdout.write(
                self.style.WARNING("导入未完成：加 --resume 再运行以继续。 / Re-run with --resume.")
            )
        elif report.counts["failed"]:
            failed = report.counts["failed"]
            self.stdout.write(self.style.WARNING(f"{failed} 个页面导入失败，见报告。"))
        else:
            self.stdout.write(self.style.SUCCESS("导入完成。 / Import finished."))

    def _default_report_path(self, code: str) -> Path:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return Path(settings.VAR_DIR) / "legacy-import" / f"{code}-{stamp}.txt"

    def _progress(self, verbosity: int, total: int | None):
        every = 50

        def progress(report, url, status):
            seen = report.counts["pages_seen"]
            if verbosity >= 2 and status != "not_article":
                self.stdout.write(f"  [{STATUS_LABELS.get(status, status)}] {url}")
            if verbosity >= 1 and (seen % every == 0 or (total and seen == total)):
                elapsed = max(time.monotonic() - self._started, 1e-6)
                counts = report.counts
                of = f"/{total}" if total else ""
                self.stdout.write(
                    f"  已处理 {seen}{of} 页：新建 {counts['created']}，已导入 "
                    f"{counts['unchanged']}，跳过 {counts['skipped']}，失败 {counts['failed']}"
                    f"（{seen / elapsed:.1f} 页/秒）"
                )

        return progress
