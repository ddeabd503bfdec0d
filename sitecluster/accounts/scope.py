"""Whom a site admin manages and which groups it may hand out."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q

from sitecluster.tenancy.models import SiteRole
from sitecluster.tenancy.roles import is_information_office, site_ids_for_user

ASSIGNABLE_ROLES = (SiteRole.EDITOR, SiteRole.REVIEWER)


def administered_site_ids(user) -> set[int]:
    return site_ids_for_user(user, {SiteRole.ADMIN})


def is_site_admin(user) -> bool:
    return bool(administered_site_ids(user))


def assignable_groups(user):
    """Groups ``user`` may add people to: its own sites' editor and reviewer groups."""
    if is_information_office(user):
        return Group.objects.all()
    return Group.objects.filter(
        site_group__cluster_site__in=administered_site_ids(user),
        site_group__role__in=ASSIGNABLE_ROLES,
    ).order_by("site_group__cluster_site__sort_order", "site_group__role")


def privileged_q() -> Q:
    """Superusers, the information office and every site's admins: never managed by a site."""
    return (
        Q(is_superuser=True)
        | Q(user_permissions__codename="manage_cluster")
        | Q(groups__permissions__codename="manage_cluster")
        | Q(groups__site_group__role=SiteRole.ADMIN)
    )


def managed_users(user):
    """Users a site admin sees: members of its sites' editor/reviewer groups, nobody else."""
    User = get_user_model()
    if is_information_office(user):
        return User._default_manager.all()
    if not is_site_admin(user):
        return User._default_manager.none()
    members = User._default_manager.filter(groups__in=assignable_groups(user)).values("pk")
    privileged = User._default_manager.filter(privileged_q()).values("pk")
    return User._default_manager.filter(pk__in=members).exclude(pk__in=privileged)
