from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "主题"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers checks and receivers)
        from .registry import registry

        registry.discover()
