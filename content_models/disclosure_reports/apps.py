from django.apps import AppConfig


class DisclosureReportsConfig(AppConfig):
    name = "content_models.disclosure_reports"
    label = "disclosure_reports"
    verbose_name = "政府信息公开年报"
