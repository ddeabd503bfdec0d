"""Policies for cluster-wide models: the information office manages them, sites only read."""

from __future__ import annotations

from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from sitecluster.tenancy.roles import is_information_office

READ_ACTIONS = frozenset({"view", "choose"})


class InformationOfficeOnlyPolicy(ModelPermissionPolicy):
    """Only the information office may see or act on these rows (ClusterSite, Group)."""

    def user_has_permission(self, user, action):
        return is_information_office(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return is_information_office(user) and super().user_has_any_permission(user, actions)

    def users_with_any_permission(self, actions):
        office = (
            Q(is_superuser=True)
            | Q(**{"user_permissions__codename": "manage_cluster"})
            | Q(groups__permissions__codename="manage_cluster")
        )
        return super().users_with_any_permission(actions).filter(office).distinct()


class ClusterReadOnlyPolicy(ModelPermissionPolicy):
    """Shared reference data (Organisation): sites may choose and view it, never change it."""

    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS and not is_information_office(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
