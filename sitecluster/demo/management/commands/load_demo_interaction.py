from django.core.management.base import BaseCommand, CommandError

from sitecluster.demo.interaction import DemoInteractionLoader


class Command(BaseCommand):
    help = (
        "载入互动交流演示数据（各状态的来信、意见征集）；需先运行 load_demo_cluster。"
        " / Load the letters and consultations demo after load_demo_cluster."
    )

    def handle(self, *args, **options):
        try:
            DemoInteractionLoader(out=self.stdout).load()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
