from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "content_models.interaction"
    label = "interaction"
    verbose_name = "互动交流"
