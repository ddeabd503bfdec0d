from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    name = "sitecluster.provisioning"
    label = "provisioning"
    verbose_name = "站点模板与开通"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import SiteBlueprint
        from .viewsets import OfficeOnlyPolicy

        register_permission_policy(SiteBlueprint, OfficeOnlyPolicy(SiteBlueprint))
