from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from sitecluster.demo.interaction import DemoInteractionLoader


class Command(BaseCommand):
    help = (
        "载入互动交流演示数据（各状态的来信、意见征集）；需先运行 load_demo_cluster。"
        " / Load the letters and consultations demo after load_demo_cluster."
    )

    def handle(self, *args, **options):
        try:
            # The demo's replies would each print a notification e-mail through the development
            # console backend; they are kept in memory instead.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                DemoInteractionLoader(out=self.stdout).load()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
