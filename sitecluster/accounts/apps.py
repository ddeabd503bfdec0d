from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "sitecluster.accounts"
    label = "accounts"
    verbose_name = "账号"
    default = True

    def ready(self):
        from . import signals  # noqa: F401 - the audit receivers


class SiteUsersConfig(WagtailUsersAppConfig):
    """Replaces ``wagtail.users`` in INSTALLED_APPS: Wagtail's user admin, scoped to sites."""

    default = False
    user_viewset = "sitecluster.accounts.viewsets.SiteUserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model

        from wagtail.permissions import register_permission_policy

        from .policies import SiteUserPermissionPolicy

        User = get_user_model()
        register_permission_policy(User, SiteUserPermissionPolicy(User), exact_class=True)
