"""manage.py import_disclosure_catalogue <file.csv|file.xlsx> --site <code> [--dry-run]"""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page

from content_models.disclosure.models import DisclosureContentPage
from migrations.disclosure_catalogue import CatalogueFileError, CatalogueImporter, read_catalogue
from sitecluster.tenancy.models import ClusterSite


class Command(BaseCommand):
    help = (
        "导入已有的政府信息公开目录（CSV 或 XLSX）到站点的“法定主动公开内容”；"
        "逐行报告，有任何错误则全部不导入。 / Import a disclosure catalogue, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="目录文件（.csv 或 .xlsx），首行为列名")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--site", help="站点代码，导入到该站点的“法定主动公开内容”")
        target.add_argument("--parent", type=int, help="目标页面 ID（法定主动公开内容页）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
        parser.add_argument("--report", type=Path, help="把逐行结果另存为 CSV 文件")

    def handle(self, *args, file, site, parent, dry_run, report, **options):
        target = self.target(site, parent)
        try:
            records, ignored = read_catalogue(file)
        except CatalogueFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"读取 {len(records)} 行，开始{'检查' if dry_run else '导入'}…")

        def progress(done, total):
            if done % 50 == 0 or done == total:
                self.stdout.write(f"  {done}/{total}")

        result = CatalogueImporter(target, dry_run=dry_run, progress=progress).run(
            records, source=file.name, ignored_headers=ignored
        )
        for line in result.lines():
            self.stdout.write(line)
        if report:
            with report.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["行号", "结果", "标题", "索引号", "说明"])
                for row in sorted(result.rows, key=lambda r: r.row):
                    writer.writerow([row.row, row.status, row.title, row.index_number, row.message])
        if not result.ok:
            raise CommandError(f"{result.count('error')} 行有错误，未导入任何内容。")

    def target(self, code, parent_id) -> Page:
        if parent_id:
            page = Page.objects.filter(pk=parent_id).first()
            if page is None:
                raise CommandError(f"页面 {parent_id} 不存在")
            return page.specific
        cluster_site = ClusterSite.objects.filter(code=code).select_related("root_page").first()
        if cluster_site is None:
            raise CommandError(f"站点“{code}”不存在")
        page = (
            DisclosureContentPage.objects.descendant_of(cluster_site.root_page)
            .order_by("depth", "path")
            .first()
        )
        if page is None:
            raise CommandError(f"站点“{code}”没有“法定主动公开内容”页面")
        return page
