from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sitecluster.sso"
    label = "sso"
    verbose_name = "统一身份认证"

    def ready(self):
        from . import signals  # noqa: F401
