from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "content_models.home"
    label = "home"
    verbose_name = "站点首页"
