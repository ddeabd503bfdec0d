"""Registers the isolation policies with Wagtail's policy registry (called from ready())."""

from __future__ import annotations


def register_policies() -> None:
    from django.contrib.auth.models import Group

    # Importing wagtail.permissions registers Wagtail's defaults, which these replace.
    from wagtail.models import AbstractPage
    from wagtail.permissions import policy_registry, register_permission_policy

    from content_models.organisations.models import Organisation
    from sitecluster.tenancy.models import ClusterSite

    from .cluster_policies import ClusterReadOnlyPolicy, InformationOfficeOnlyPolicy
    from .page_policy import ClusterPagePermissionPolicy

    register_permission_policy(AbstractPage, ClusterPagePermissionPolicy())
    for model, policy in (
        (ClusterSite, InformationOfficeOnlyPolicy(ClusterSite)),
        (Organisation, ClusterReadOnlyPolicy(Organisation)),
        (Group, InformationOfficeOnlyPolicy(Group)),
    ):
        policy_registry.fallback_policies.pop(model, None)
        register_permission_policy(model, policy, exact_class=True)
