"""A site's groups, their permissions and its workflow, as its blueprint describes them.

Everything here only ever adds: it is used both to provision a site and to roll a changed
blueprint out to existing sites, which must never lose what they were granted by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from content_models.review.models import ConfidentialityReviewTask

from .blueprints import COLLECTION_ACTIONS, Blueprint, BlueprintError, GroupSpec, render


class PermissionLookup:
    """Resolves "app_label.codename" strings to Permission rows with one query."""

    def __init__(self, blueprint: Blueprint):
        wanted = {"wagtailcore." + f"{action}_page" for g in blueprint.groups for action in
                  g.page_permissions}  # fmt: skip
        for group in blueprint.groups:
            wanted.update(COLLECTION_ACTIONS[a] for a in group.collection_permissions)
            wanted.update(group.permissions)
        condition = Q(pk__in=[])
        for label in wanted:
            app_label, codename = label.split(".")
            condition |= Q(content_type__app_label=app_label, codename=codename)
        self.by_label = {
            f"{p.content_type.app_label}.{p.codename}": p
            for p in Permission.objects.filter(condition).select_related("content_type")
        }
        missing = sorted(wanted - set(self.by_label))
        if missing:
            raise BlueprintError(
                f"{blueprint.name}: unknown permissions {', '.join(missing)}",
                f"站点模板 {blueprint.name}：权限不存在：{'、'.join(missing)}",
            )

    def __getitem__(self, label: str) -> Permission:
        return self.by_label[label]


@dataclass
class AccessPlan:
    """What a site lacks of its blueprint's groups, grants and workflow (never removals)."""

    groups_to_create: list[GroupSpec] = field(default_factory=list)
    page_grants: list[tuple[str, str]] = field(default_factory=list)  # (role, action)
    collection_grants: list[tuple[str, str]] = field(default_factory=list)
    model_grants: list[tuple[str, str]] = field(default_factory=list)
    workflow_missing: bool = False

    def __bool__(self):
        return bool(
            self.groups_to_create
            or self.page_grants
            or self.collection_grants
            or self.model_grants
            or self.workflow_missing
        )


def plan_access(site, blueprint: Blueprint) -> AccessPlan:
    """Compare an existing site's groups with its blueprint."""
    plan = AccessPlan()
    groups = {sg.role: sg.group for sg in site.site_groups.select_related("group")}
    for spec in blueprint.groups:
        group = groups.get(spec.role)
        if group is None:
            plan.groups_to_create.append(spec)
            plan.page_grants += [(spec.role, a) for a in spec.page_permissions]
            plan.collection_grants += [(spec.role, a) for a in spec.collection_permissions]
            plan.model_grants += [(spec.role, p) for p in spec.permissions]
            continue
        page_held = set(
            GroupPagePermission.objects.filter(group=group, page_id=site.root_page_id).values_list(
                "permission__codename", flat=True
            )
        )
        plan.page_grants += [
            (spec.role, a) for a in spec.page_permissions if f"{a}_page" not in page_held
        ]
        collection_held = {
            f"{app}.{codename}"
            for app, codename in GroupCollectionPermission.objects.filter(
                group=group, collection_id=site.collection_id
            ).values_list("permission__content_type__app_label", "permission__codename")
        }
        plan.collection_grants += [
            (spec.role, a)
            for a in spec.collection_permissions
            if COLLECTION_ACTIONS[a] not in collection_held  # all of them for a new collection
        ]
        model_held = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        plan.model_grants += [(spec.role, p) for p in spec.permissions if p not in model_held]
    plan.workflow_missing = bool(blueprint.workflow) and site.workflow_id is None
    return plan


def create_groups(
    blueprint: Blueprint, context: dict, root_page: Page, collection: Collection | None
) -> dict[str, Group]:
    """The blueprint's groups with all their grants; returned by role."""
    lookup = PermissionLookup(blueprint)
    groups = {}
    for spec in blueprint.groups:
        group = Group.objects.create(name=render(spec.name, context))
        groups[spec.role] = group
    grant(
        blueprint,
        groups,
        root_page,
        collection,
        page=[(g.role, a) for g in blueprint.groups for a in g.page_permissions],
        collection_grants=[(g.role, a) for g in blueprint.groups for a in g.collection_permissions],
        model=[(g.role, p) for g in blueprint.groups for p in g.permissions],
        lookup=lookup,
    )
    return groups


def grant(
    blueprint, groups, root_page, collection, *, page, collection_grants, model, lookup=None
) -> None:
    lookup = lookup or PermissionLookup(blueprint)
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(
                group=groups[role], page=root_page, permission=lookup[f"wagtailcore.{a}_page"]
            )
            for role, a in page
        ],
        ignore_conflicts=True,
    )
    if collection is not None:
        GroupCollectionPermission.objects.bulk_create(
            [
                GroupCollectionPermission(
                    group=groups[role],
                    collection=collection,
                    permission=lookup[COLLECTION_ACTIONS[a]],
                )
                for role, a in collection_grants
            ],
            ignore_conflicts=True,
        )
    for role, label in model:
        groups[role].permissions.add(lookup[label])


def create_workflow(blueprint: Blueprint, context: dict, groups: dict[str, Group], root_page):
    """The site's workflow, one task per step, attached to its home page.

    A step is a ``ConfidentialityReviewTask`` (保密审核 with its checklist, a GroupApprovalTask
    subclass) unless the blueprint says ``confidentiality = false`` (a plain group approval).
    """
    if blueprint.workflow is None:
        return None
    workflow = Workflow.objects.create(name=render(blueprint.workflow.name, context), active=True)
    for order, step in enumerate(blueprint.workflow.tasks):
        task_class = ConfidentialityReviewTask if step.confidentiality else GroupApprovalTask
        task = task_class.objects.create(name=render(step.name, context), active=True)
        task.groups.set([groups[role] for role in step.roles])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
    return workflow


def delete_workflow(workflow: Workflow | None) -> None:
    """Remove a site's workflow and its tasks (tasks shared with another workflow stay)."""
    if workflow is None:
        return
    task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
    WorkflowPage.objects.filter(workflow=workflow).delete()
    workflow.delete()
    for task in GroupApprovalTask.objects.filter(pk__in=task_ids):
        if not task.workflow_tasks.exists():
            task.delete()
