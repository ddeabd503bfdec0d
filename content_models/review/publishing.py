"""What a finished review does: publish the approved revision (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail's default publishes as the approving user and therefore demands that the last step's
reviewers hold the page publish permission. A site's 审核员 deliberately do not (they could
then publish without review); approval by the workflow's groups is the authority, so the
permission check is skipped here and the approving reviewer is still recorded as the
publisher in the audit log (``wagtail.publish``). A scheduled revision (go_live_at in the
future) is scheduled instead, and the worker publishes it (sitecluster.scheduling).
"""

from __future__ import annotations


def publish_approved(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
