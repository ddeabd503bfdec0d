"""Who may act on which site: the one place that answers it for the admin.

The information office holds ``tenancy.manage_cluster`` (superusers hold it implicitly) and acts
on every site. Everyone else acts only on the sites whose :class:`SiteGroup` groups they are in.
"""

from __future__ import annotations

MANAGE_CLUSTER = "tenancy.manage_cluster"
_CACHE_ATTR = "_sitecluster_site_roles"


def is_information_office(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MANAGE_CLUSTER))


def site_roles(user) -> dict[int, set[str]]:
    """``{cluster_site_id: {role, ...}}`` for a non-office user; one query, cached on the user."""
    if not (user and user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import SiteGroup

        cached = {}
        rows = SiteGroup.objects.filter(group__user=user).values_list("cluster_site_id", "role")
        for site_id, role in rows:
            cached.setdefault(site_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def site_ids_for_user(user, roles: set[str] | None = None) -> set[int]:
    """Ids of the sites this user holds any (or one of ``roles``) role on."""
    return {
        site_id for site_id, held in site_roles(user).items() if roles is None or held & set(roles)
    }


def forget_site_roles(user) -> None:
    """Drop the per-user cache after group membership changed in this request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
