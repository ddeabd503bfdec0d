from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BackupsConfig(AppConfig):
    name = "sitecluster.backups"
    label = "backups"
    verbose_name = "备份与维护日志"

    def ready(self):
        from .schedule import schedule_after_migrate

        post_migrate.connect(schedule_after_migrate, sender=self)
