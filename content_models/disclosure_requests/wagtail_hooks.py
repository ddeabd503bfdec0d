"""Admin for 依申请公开: the applications (scoped to the user's bodies), the holiday calendar,
the dashboard panel of due and overdue applications, and the audit-log actions."""

from wagtail import hooks

from .admin import DashboardPanel, calendar_viewset, request_viewset
from .workflow import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for name, label in LOG_ACTIONS.items():
        actions.register_action(f"disclosure_requests.{name}", label, label)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [request_viewset, calendar_viewset]


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    panel = DashboardPanel(request)
    if panel.visible:
        panels.append(panel)
