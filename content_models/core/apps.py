from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "content_models.core"
    label = "core"
    verbose_name = "内容基础"
