"""The review step with the confidentiality checklist (保密审核), a Wagtail workflow task.

A subclass of Wagtail's ``GroupApprovalTask``: the members of the step's groups (the site's
审核员) review, the task rows are ordinary workflow tasks (reports, dashboard, statistics and
the isolation layer's per-user group cache all see them), and only approval changes: every
checklist item must be confirmed, the confirmation is stored on the task state and written into
the page history with the approval.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models

from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, TaskState

from ..checklist import CHECKLIST, checklist_summary


class ChecklistIncomplete(PermissionDenied):
    """Approval without every checklist item confirmed."""


class BlockedContent(PermissionDenied):
    """Approval of a revision that still contains blocking words."""


class ConfidentialityReviewTask(GroupApprovalTask):
    admin_form_fields = GroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = "保密审核"
        verbose_name_plural = "保密审核"

    @classmethod
    def get_description(cls):
        return "所选用户组的成员审核，通过前须逐项确认保密审核清单"

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [("reject", "退回修改", True), ("approve", "保密审核通过", True)]
        return []

    def get_form_for_action(self, action):
        from ..forms import ApproveWithChecklistForm, RejectForm

        return ApproveWithChecklistForm if action == "approve" else RejectForm

    def get_template_for_action(self, action):
        if action == "approve":
            return "review/approve_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            confirmed = {key: bool(kwargs.get(key)) for key, _label in CHECKLIST}
            if not all(confirmed.values()):
                raise ChecklistIncomplete("保密审核清单未全部确认，不能通过")
            from ..checking import blocking_hits_for_revision

            if blocking_hits_for_revision(task_state.revision):
                raise BlockedContent("内容含禁用词，不能通过审核，请退回修改")
            task_state = task_state.specific
            if isinstance(task_state, ConfidentialityReviewTaskState):
                task_state.checklist = confirmed
                task_state.save(update_fields=["checklist"])
        return super().on_action(
            task_state.specific, user, action_name, comment=kwargs.get("comment", "")
        )


class ConfidentialityReviewTaskState(TaskState):
    checklist = models.JSONField("保密审核确认", default=dict, blank=True)

    class Meta:
        verbose_name = "保密审核记录"
        verbose_name_plural = "保密审核记录"

    def get_comment(self):
        if self.status != self.STATUS_APPROVED or not self.checklist:
            return self.comment
        items = "；".join(f"☑ {label}" for label in self.confirmed_labels())
        if self.comment:
            return f"保密审核：{items}。审核意见：{self.comment}"
        return f"保密审核：{items}。"

    def confirmed_labels(self) -> list[str]:
        return [label for key, label in CHECKLIST if self.checklist.get(key)]

    def log_state_change_action(self, user, action):
        """Wagtail's approval entry with the confirmed checklist added to its data."""
        if action != "approve" or not self.checklist:
            return super().log_state_change_action(user, action)
        next_task = self.workflow_state.get_next_task()
        log(
            instance=self.revision.as_object(),
            action="wagtail.workflow.approve",
            user=user,
            data={
                "workflow": {
                    "id": self.workflow_state.workflow.id,
                    "title": self.workflow_state.workflow.name,
                    "status": self.status,
                    "task_state_id": self.id,
                    "task": {"id": self.task.id, "title": self.task.name},
                    "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
                },
                "comment": self.get_comment(),
                "checklist": checklist_summary(self.checklist),
            },
            revision=self.revision,
        )


ConfidentialityReviewTask.task_state_class = ConfidentialityReviewTaskState
