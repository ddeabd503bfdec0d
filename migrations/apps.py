from django.apps import AppConfig


class LegacyMigrationsConfig(AppConfig):
    name = "migrations"
    label = "legacy_migrations"
    verbose_name = "旧网站内容迁移"
    default_auto_field = "django.db.models.BigAutoField"
