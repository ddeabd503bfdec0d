"""Only the information office (``tenancy.manage_cluster``) maintains the word lists."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

MANAGE_CLUSTER = "tenancy.manage_cluster"


def is_information_office(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MANAGE_CLUSTER))


class InformationOfficePolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return is_information_office(user)

    def user_has_any_permission(self, user, actions):
        return is_information_office(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(user_permissions__codename="manage_cluster")
                | Q(groups__permissions__codename="manage_cluster")
            )
            .distinct()
        )
