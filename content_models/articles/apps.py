from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "content_models.articles"
    label = "articles"
    verbose_name = "文章"
