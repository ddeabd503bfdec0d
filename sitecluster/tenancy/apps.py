from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "sitecluster.tenancy"
    label = "tenancy"
    verbose_name = "站群站点"

    def ready(self):
        from . import signals  # noqa: F401
