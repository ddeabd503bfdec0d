from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sitecluster.demo"
    label = "demo"
    verbose_name = "演示站群"
