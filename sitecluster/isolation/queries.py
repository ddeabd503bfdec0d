"""Querysets of what a scoped user's sites own, shared by reports, dashboard and search."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from wagtail.models import Page, Task, Workflow, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry

from sitecluster.tenancy.roles import site_ids_for_user

from .page_policy import EXPLORE_ACTIONS


def own_pages_q(user, prefix: str = "") -> Q:
    """Pages of the user's sites (no navigation-only ancestors), as a Q on ``prefix``."""
    q = policy_registry.get_by_type(Page).instances_q(user, EXPLORE_ACTIONS)
    if not prefix:
        return q
    return _prefixed(q, prefix)


def _prefixed(q: Q, prefix: str) -> Q:
    children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}{child[0]}", child[1])
        for child in q.children
    ]
    return Q(*children, _connector=q.connector, _negated=q.negated)


def own_pages(user):
    return Page.objects.filter(own_pages_q(user))


def own_page_ids_as_text(user):
    return own_pages(user).values_list(Cast("id", output_field=CharField()), flat=True)


def own_workflows(user):
    return Workflow.objects.filter(
        Q(cluster_sites__in=site_ids_for_user(user)) | Q(workflow_pages__page__in=own_pages(user))
    ).distinct()


def own_tasks(user):
    return Task.objects.filter(workflow_tasks__workflow__in=own_workflows(user)).distinct()


def own_workflow_states(user):
    return WorkflowState.objects.filter(
        base_content_type_id=get_default_page_content_type().id,
        object_id__in=own_page_ids_as_text(user),
    )


def users_who_requested(user):
    User = get_user_model()
    return User.objects.filter(pk__in=own_workflow_states(user).values("requested_by_id")).order_by(
        User.USERNAME_FIELD
    )


def users_who_locked(user):
    User = get_user_model()
    return User.objects.filter(
        pk__in=own_pages(user).filter(locked_by__isnull=False).values("locked_by_id")
    ).order_by(User.USERNAME_FIELD)
