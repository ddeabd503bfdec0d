from django.apps import AppConfig


class IsolationConfig(AppConfig):
    name = "sitecluster.isolation"
    label = "isolation"
    verbose_name = "站点隔离"

    def ready(self):
        from .registration import register_policies

        register_policies()
