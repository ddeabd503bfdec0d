""" "Awaiting your review" in a fixed number of queries, however many sites (and tasks) exist.

Wagtail's ``TaskState.objects.reviewable_by(user)`` (dashboard panel, workflow reports) asks
every active task whether the user may moderate it; a ``GroupApprovalTask`` answers with one
query per task, and every site has its own review task, so the dashboard grew by one query per
site. ``GroupApprovalTask`` caches those answers on the user object; this fills that cache for
every active group approval task with one query.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from wagtail.models import GroupApprovalTask

CACHE_ATTR = "_group_approval_task_checks"  # GroupApprovalTask._user_in_groups' cache


def prime_group_task_checks(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        return
    membership = GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id=OuterRef("pk"), group__user=user
    )
    rows = (
        GroupApprovalTask.objects.filter(active=True)
        .annotate(member=Exists(membership))
        .values_list("pk", "member")
    )
    checks = getattr(user, CACHE_ATTR, None)
    if not checks:
        checks = {}
        setattr(user, CACHE_ATTR, checks)
    for pk, member in rows:
        checks.setdefault(pk, member)
