from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "content_models.links"
    label = "links"
    verbose_name = "友情链接"
