from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "sitecluster.statistics"
    label = "publication_statistics"
    verbose_name = "发布统计"
