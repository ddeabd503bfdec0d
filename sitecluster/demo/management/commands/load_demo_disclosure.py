from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sitecluster.demo.content import DemoDataError
from sitecluster.demo.disclosure import DemoDisclosureLoader


class Command(BaseCommand):
    help = (
        "载入政府信息公开演示数据（公开文件、依申请公开、年报）；需先运行 load_demo_cluster。"
        " / Load the disclosure demo after load_demo_cluster."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="Folder with policies-ncp-599.jsonl",
        )
        parser.add_argument("--documents", type=int, default=240, help="公开文件数（源数据条数）")
        parser.add_argument("--per-state", type=int, default=22, help="每种办理状态的申请数")

    def handle(self, *args, data_dir, documents, per_state, **options):
        if documents < 0 or per_state < 0:
            raise CommandError("--documents and --per-state must be >= 0（数量不能为负数）")
        loader = DemoDisclosureLoader(
            data_dir=data_dir,
            documents=documents,
            applications_per_state=per_state,
            out=self.stdout,
        )
        try:
            loader.load()
        except (DemoDataError, RuntimeError) as exc:
            raise CommandError(str(exc)) from exc
