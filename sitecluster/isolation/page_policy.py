"""The page permission policy: site-group grants reach only their own site's pages.

Wagtail's ``PagePermissionPolicy`` lets a grant on a page reach every descendant, so the
portal's editors would edit every member site (member sites live inside the portal's tree), and
it builds one ``OR`` per grant (Wagtail #14593). This policy gives every grant a
:class:`~sitecluster.isolation.scope.Region` and filters with one ``OR`` per distinct region.

Wagtail's ``PagePermissionTester`` reads ``policy_registry.get(page)``; the registry calls a
callable policy with the page, so ``__call__`` returns a copy bound to that page whose cached
grants are only those reaching it.
"""

from __future__ import annotations

import copy
import posixpath

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from wagtail.models import GroupPagePermission
from wagtail.permission_policies.pages import PagePermissionPolicy

from .scope import STEPLEN, Region, SiteRoots, is_scoped, region_for, regions_q, site_roots_for

EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def _site_id_of_group(group) -> int | None:
    try:
        return group.site_group.cluster_site_id
    except ObjectDoesNotExist:
        return None


def grant_region(perm) -> Region:
    return getattr(perm, "region", None) or Region(perm.page.path, None)


class ClusterPagePermissionPolicy(PagePermissionPolicy):
    _bound_path: str | None = None

    def __call__(self, page):
        bound = copy.copy(self)
        bound._bound_path = page.path
        return bound

    # -- grants ---------------------------------------------------------------------------

    def get_all_permissions_for_user(self, user):
        grants = super().get_all_permissions_for_user(user)
        if not is_scoped(user):
            return grants
        grants = list(grants.select_related("group__site_group"))
        roots = site_roots_for(user)
        for perm in grants:
            perm.region = region_for(perm.page.path, _site_id_of_group(perm.group), roots)
        return grants

    def get_cached_permissions_for_user(self, user):
        grants = super().get_cached_permissions_for_user(user)
        if self._bound_path is None or not is_scoped(user):
            return grants
        roots = site_roots_for(user)
        return [perm for perm in grants if grant_region(perm).contains(self._bound_path, roots)]

    # -- single instance ------------------------------------------------------------------

    def user_has_any_permission_for_instance(self, user, actions, instance):
        base_permission = self._base_user_has_permission(user)
        if base_permission is not None:
            return base_permission
        roots = site_roots_for(user)
        add_codename = self._get_permission_codename("add")
        permissions = set()
        for perm in super().get_cached_permissions_for_user(user):
            if grant_region(perm).contains(instance.path, roots):
                permissions.add(perm.permission.codename)
                if perm.permission.codename == add_codename and instance.owner_id == user.pk:
                    permissions.add(self._get_permission_codename("change"))
        return bool(self._get_permission_codenames(actions) & permissions)

    # -- querysets ------------------------------------------------------------------------

    def instances_q(self, user, actions) -> Q:
        """The pages ``user`` may perform any of ``actions`` on, as one Q (one OR per region)."""
        codenames = self._get_permission_codenames(actions)
        add_codename = self._get_permission_codename("add")
        full, owned = set(), set()
        for perm in super().get_cached_permissions_for_user(user):
            codename = perm.permission.codename
            if codename == add_codename and "add" not in actions and "change" in actions:
                owned.add(grant_region(perm))
            elif codename in codenames:
                full.add(grant_region(perm))
        q = regions_q(full)
        if owned - full:
            q |= regions_q(owned - full) & Q(owner=user)
        return q

    def instances_user_has_any_permission_for(self, user, actions):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        return self.model._default_manager.filter(self.instances_q(user, set(actions)))

    def explorable_instances(self, user):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        grant_paths = {perm.page.path for perm in super().get_cached_permissions_for_user(user)}
        if not grant_paths:
            return self.model._default_manager.none()
        # Ancestors of granted pages (for navigation), below their first common ancestor.
        common = posixpath.commonprefix(list(grant_paths))
        common = common[: len(common) - len(common) % STEPLEN]
        ancestors = {
            path[:length]
            for path in grant_paths
            for length in range(max(len(common), STEPLEN), len(path), STEPLEN)
        }
        q = self.instances_q(user, EXPLORE_ACTIONS) | Q(path__in=sorted(ancestors))
        return self.model._default_manager.filter(q).filter(path__startswith=common)

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        ancestors = instance.get_ancestors(inclusive=True)
        owner_site = SiteRoots.load().owning_site(instance.path)
        in_site = Q(group__site_group__isnull=True) | Q(
            group__site_group__cluster_site_id=owner_site
        )
        grants = GroupPagePermission.objects.filter(in_site, page__in=ancestors)
        groups = grants.filter(
            permission__codename__in=self._get_permission_codenames(actions)
        ).values_list("group", flat=True)
        q = Q(groups__in=groups)
        if include_superusers:
            q |= Q(is_superuser=True)
        if "change" in actions and "add" not in actions:
            add_groups = grants.filter(
                permission__codename=self._get_permission_codename("add")
            ).values_list("group", flat=True)
            q |= Q(groups__in=add_groups) & Q(pk=instance.owner_id)
        return get_user_model()._default_manager.filter(is_active=True).filter(q).distinct()
