from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "sitecluster.health"
    label = "health"
    verbose_name = "系统状态"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import heartbeat  # noqa: F401  (connects the task_started receiver)
