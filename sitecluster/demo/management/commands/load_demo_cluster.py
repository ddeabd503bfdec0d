from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sitecluster.demo.content import DemoDataError
from sitecluster.demo.loader import DEMO_PASSWORD, DEMO_USERNAME, DemoClusterLoader
from sitecluster.provisioning.blueprints import BlueprintError
from sitecluster.settings.environment import env


class Command(BaseCommand):
    help = "Load (or complete) the demo cluster: 河东区 portal, departments and street offices."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="Folder with news-xwlb-sample-2000.jsonl and policies-ncp-599.jsonl",
        )
        parser.add_argument("--news", type=int, default=900, help="News items to load (>= 0)")
        parser.add_argument("--policies", type=int, default=240, help="Policy items to load (>= 0)")
        parser.add_argument(
            "--domain", default=env("SITECLUSTER_DEMO_DOMAIN"), help="Hostname suffix (localhost)"
        )

    def handle(self, *args, data_dir, news, policies, domain, **options):
        if news < 0 or policies < 0:
            raise CommandError("--news and --policies must be >= 0（条数不能为负数）")
        loader = DemoClusterLoader(
            data_dir=data_dir, domain=domain, news=news, policies=policies, out=self.stdout
        )
        try:
            loader.load()
        except (DemoDataError, BlueprintError) as exc:
            raise CommandError(str(exc)) from exc
        port = settings.SITECLUSTER_PUBLIC_PORT
        suffix = "" if port in (80, 443) else f":{port}"
        self.stdout.write(
            self.style.SUCCESS(
                f"门户：http://hedong.{domain}{suffix}/  "
                f"后台：http://hedong.{domain}{suffix}/admin/ "
                f"（用户名 {DEMO_USERNAME}，密码 {DEMO_PASSWORD}）"
            )
        )
