"""Audit receivers: logins and logouts, role changes (groups, site roles) and permission
changes (group and user permissions, page and collection permissions)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import GroupCollectionPermission, GroupPagePermission

from . import audit, throttle
from .login_flow import PASSWORD_BACKENDS

User = get_user_model()


def _loading(instance) -> bool:
    """True while a fixture or a serialized test database is being loaded (raw saves)."""
    return getattr(instance, "_accounts_raw_load", False)


@receiver(post_save, sender=User, dispatch_uid="accounts_audit_mark_raw_user")
@receiver(post_save, sender=Group, dispatch_uid="accounts_audit_mark_raw_group")
def mark_raw_load(sender, instance, raw=False, **kwargs):
    """Deserialization saves with raw=True, then sets many-to-many fields on the same instance:
    those m2m_changed signals are data loading (loaddata, serialized test rollback), not role or
    permission changes, and their content types may not exist yet."""
    if raw:
        instance._accounts_raw_load = True


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def audit_login(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    if backend in PASSWORD_BACKENDS:
        throttle.reset_account(user.get_username())
    audit.record(user, audit.LOGIN, user=user, request=request, backend=backend.rsplit(".", 1)[-1])


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None and user.pk:
        audit.record(user, audit.LOGOUT, user=user, request=request)


def _group_label(group: Group) -> str:
    """“站点 · 角色” for a site's group, else the group's name."""
    try:
        return str(group.site_group)
    except ObjectDoesNotExist:
        return group.name


def _group_names(pks) -> list[str]:
    groups = Group.objects.filter(pk__in=pks).select_related("site_group__cluster_site")
    return sorted(_group_label(group) for group in groups)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts_audit_roles")
def audit_roles(sender, instance, action, reverse, pk_set, **kwargs):
    if _loading(instance):
        return
    if action == "pre_clear":
        # Remember what a clear() removes, before it is gone.
        instance._accounts_cleared = (
            list(instance.user_set.values_list("pk", flat=True))
            if reverse
            else list(instance.groups.values_list("pk", flat=True))
        )
        return
    if action == "post_clear":
        pk_set = set(getattr(instance, "_accounts_cleared", []))
        verb = audit.ROLE_REMOVED
    elif action in ("post_add", "post_remove"):
        verb = audit.ROLE_ADDED if action == "post_add" else audit.ROLE_REMOVED
    else:
        return
    if not pk_set:
        return
    if reverse:  # group.user_set.add(users...)
        label = _group_label(instance)
        for user in User._default_manager.filter(pk__in=pk_set):
            audit.record(user, verb, groups=[label])
    else:
        audit.record(instance, verb, groups=_group_names(pk_set))


def _permission_names(pks) -> list[str]:
    perms = Permission.objects.filter(pk__in=pks).select_related("content_type")
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in perms)


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="accounts_audit_gperms")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts_audit_uperms")
def audit_model_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear") or reverse or _loading(instance):
        return
    if action == "pre_clear":
        field = "permissions" if isinstance(instance, Group) else "user_permissions"
        pk_set = set(getattr(instance, field).values_list("pk", flat=True))
    if not pk_set:
        return
    change = "added" if action == "post_add" else "removed"
    audit.record(instance, audit.PERMISSIONS_CHANGED, **{change: _permission_names(pk_set)})


def _object_permission(instance, change: str, target: str) -> None:
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is None:  # the group itself is being deleted
        return
    audit.record(
        group,
        audit.PERMISSIONS_CHANGED,
        **{change: [f"{target}:{instance.permission.codename}"]},
    )


@receiver(post_save, sender=GroupPagePermission, dispatch_uid="accounts_audit_page_perm_add")
def audit_page_permission_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _object_permission(instance, "added", f"page {instance.page_id}")


@receiver(post_delete, sender=GroupPagePermission, dispatch_uid="accounts_audit_page_perm_del")
def audit_page_permission_removed(sender, instance, **kwargs):
    _object_permission(instance, "removed", f"page {instance.page_id}")


@receiver(post_save, sender=GroupCollectionPermission, dispatch_uid="accounts_audit_coll_add")
def audit_collection_permission_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _object_permission(instance, "added", f"collection {instance.collection_id}")


@receiver(post_delete, sender=GroupCollectionPermission, dispatch_uid="accounts_audit_coll_del")
def audit_collection_permission_removed(sender, instance, **kwargs):
    _object_permission(instance, "removed", f"collection {instance.collection_id}")
