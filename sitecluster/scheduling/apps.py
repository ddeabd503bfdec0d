from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SchedulingConfig(AppConfig):
    name = "sitecluster.scheduling"
    label = "scheduling"
    verbose_name = "定时发布"

    def ready(self):
        from .chain import ensure_after_migrate

        post_migrate.connect(ensure_after_migrate, sender=self)
