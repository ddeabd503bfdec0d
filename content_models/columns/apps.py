from django.apps import AppConfig


class ColumnsConfig(AppConfig):
    name = "content_models.columns"
    label = "columns"
    verbose_name = "栏目"
