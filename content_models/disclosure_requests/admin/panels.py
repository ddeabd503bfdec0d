"""Dashboard panel: applications due within 5 working days, and overdue ones."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from .. import workflow
from .access import body_ids_for_user, scoped_requests


class DashboardPanel(Component):
    name = "disclosure_requests_due"
    order = 90
    template_name = "disclosure_requests/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request
        bodies = body_ids_for_user(request.user)
        self.visible = bodies is None or bool(bodies)

    def get_context_data(self, parent_context=None):
        soon, overdue = workflow.due_soon_and_overdue(
            scoped_requests(self.request.user).select_related("organisation")
        )
        for item in [*soon, *overdue]:
            item.remaining = workflow.remaining_working_days(item)
        return {"soon": soon, "overdue": overdue}
