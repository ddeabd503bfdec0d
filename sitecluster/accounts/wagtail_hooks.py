"""Security audit actions in Wagtail's log, the 安全审计 admin view and its menu item."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audit import register_security_actions
from .views import security_admin
from .views.audit import SecurityAuditView, can_view_audit


@hooks.register("register_log_actions")
def security_log_actions(actions):
    register_security_actions(actions)


@hooks.register("register_admin_urls")
def security_audit_urls():
    return [
        path("security-audit/", SecurityAuditView.as_view(), name="accounts_security_audit"),
        path(
            "security-audit/unlock/<int:pk>/",
            security_admin.unlock,
            name="accounts_security_unlock",
        ),
        path(
            "security-audit/reset-totp/",
            security_admin.reset_totp,
            name="accounts_security_reset_totp",
        ),
    ]


class SecurityAuditMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_audit(request.user)


@hooks.register("register_admin_menu_item")
def security_audit_menu_item():
    return SecurityAuditMenuItem(
        "安全审计", reverse("accounts_security_audit"), icon_name="lock", order=950
    )
