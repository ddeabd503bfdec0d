"""Page action views that show another site's data before (or instead of) checking permission.

- Move confirmation: Wagtail renders "move <title> into <title>?" for any two page ids and only
  the POST checks permission (in ``MovePageAction``).
- Workflow-cancellation confirmation (shown when publishing a page in moderation): answers for
  any page id with the page's workflow and task names.
- Choose a parent page (add-page flow): Wagtail counts every descendant of a grant's page as a
  possible parent, so the portal's editors would be redirected into a member site when it holds
  the only valid parent; and a posted parent id of any page is echoed back with its title.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wagtail.admin.forms.pages import ParentChooserForm
from wagtail.admin.views.pages.choose_parent import GenericChooseParentView
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from ..scope import is_scoped


class ScopedMoveConfirmView(MoveConfirmView):
    def dispatch(self, request, page_to_move_id, destination_id, *args, **kwargs):
        page = get_object_or_404(Page, id=page_to_move_id)
        destination = get_object_or_404(Page, id=destination_id)
        permissions = page.permissions_for_user(request.user)
        if not (permissions.can_move() and permissions.can_move_to(destination)):
            raise PermissionDenied
        return super().dispatch(request, page_to_move_id, destination_id, *args, **kwargs)


class ScopedConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    def dispatch(self, request, *args, **kwargs):
        # Only asked of someone about to publish the page over its workflow.
        if not self.object.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedParentChooserForm(ParentChooserForm):
    """Only pages the user may add below are valid; others get a message without their title."""

    def __init__(self, child_page_type, user, *args, **kwargs):
        super().__init__(child_page_type, user, *args, **kwargs)
        if is_scoped(user):
            policy = policy_registry.get_by_type(Page)
            field = self.fields["parent_page"]
            field.queryset = Page.objects.filter(policy.instances_q(user, {"add"}))
            field.error_messages["invalid_choice"] = "您无权在所选页面下创建页面。"


class ScopedChooseParentView(GenericChooseParentView):
    def get_valid_parent_pages(self, user):
        parents = super().get_valid_parent_pages(user)
        if not is_scoped(user):
            return parents
        return parents.filter(policy_registry.get_by_type(Page).instances_q(user, {"add"}))

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return ScopedParentChooserForm(self.model, self.request.user, data)
