from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "content_models.sharing"
    label = "sharing"
    verbose_name = "站点共享"

    def ready(self):
        from content_models.core.dependents import register_dependents

        from . import signals
        from .dependents import pages_showing_shared

        register_dependents(pages_showing_shared)
        signals.connect()
