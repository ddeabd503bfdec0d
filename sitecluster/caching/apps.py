from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "sitecluster.caching"
    label = "caching"
    verbose_name = "页面缓存"

    def ready(self):
        from . import receivers  # noqa: F401
