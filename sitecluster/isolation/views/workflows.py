"""The workflow task chooser: only for people who may build workflows.

Wagtail opens it to anyone with admin access (it exists for the workflow editor), so a site's
editors could list every site's review tasks and their names.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from wagtail.admin.views import workflows
from wagtail.models import Workflow
from wagtail.permissions import policy_registry


def may_build_workflows(user) -> bool:
    return policy_registry.get_by_type(Workflow).user_has_any_permission(user, {"add", "change"})


def workflow_builders_only(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_build_workflows(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


task_chooser = workflow_builders_only(workflows.TaskChooserView.as_view())
task_chooser_results = workflow_builders_only(workflows.TaskChooserResultsView.as_view())
task_chooser_create = workflow_builders_only(workflows.TaskChooserCreateView.as_view())
task_chosen = workflow_builders_only(workflows.task_chosen)
