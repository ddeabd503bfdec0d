"""The user model's permission policy: site admins manage their own sites' people."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy

from sitecluster.tenancy.roles import is_information_office

from .scope import is_site_admin, managed_users

SITE_ADMIN_ACTIONS = frozenset({"add", "change", "view"})


class SiteUserPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if is_information_office(user):
            return super().user_has_permission(user, action)
        return action in SITE_ADMIN_ACTIONS and is_site_admin(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if is_information_office(user):
            return super().instances_user_has_any_permission_for(user, actions)
        if set(actions) & SITE_ADMIN_ACTIONS:
            return managed_users(user)
        return self.model._default_manager.none()

    def user_has_permission_for_instance(self, user, action, instance):
        if is_information_office(user):
            return super().user_has_permission_for_instance(user, action, instance)
        return (
            action in SITE_ADMIN_ACTIONS - {"add"}
            and managed_users(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )
