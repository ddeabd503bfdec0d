"""Whose 报送 and 分发 a staff member sees: those of the sites they hold a role on.

The information office (``tenancy.manage_cluster``) sees and acts on every site. Everyone else
sees the offers their own sites sent (我的报送) and received (报送接收), found from
:mod:`sitecluster.tenancy.roles` — never from page permissions, so a portal editor does not see
the departments' offers to each other although their pages lie below the portal. Accepting or
declining needs the receiving site's 站点管理员 or 审核员 role (those who approve publication).
"""

from __future__ import annotations

from django.db.models import Q

from sitecluster.tenancy.models import ClusterSite, SiteKind, SiteRole, SiteStatus
from sitecluster.tenancy.roles import is_information_office, site_ids_for_user

from ..models import Distribution, ShareOffer

DECIDERS = {SiteRole.ADMIN, SiteRole.REVIEWER}


_CACHE_ATTR = "_sharing_home_ids"


def home_ids(user, roles=None) -> set[int] | None:
    """Home page ids of the user's sites; ``None`` means every site (the information office).

    Cached on the user object for the request (the admin menu asks on every page).
    """
    if is_information_office(user):
        return None
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    key = frozenset(roles) if roles else None
    if key not in cache:
        ids = site_ids_for_user(user, roles)
        cache[key] = (
            set(ClusterSite.objects.filter(pk__in=ids).values_list("root_page_id", flat=True))
            if ids
            else set()
        )
    return cache[key]


def can_share(user) -> bool:
    return is_information_office(user) or bool(site_ids_for_user(user))


def incoming(user):
    homes = home_ids(user)
    offers = ShareOffer.objects.all()
    return offers if homes is None else offers.filter(receiver_home_id__in=homes)


def outgoing(user):
    homes = home_ids(user)
    offers = ShareOffer.objects.all()
    return offers if homes is None else offers.filter(sender_home_id__in=homes)


def visible_offers(user):
    homes = home_ids(user)
    offers = ShareOffer.objects.all()
    if homes is None:
        return offers
    return offers.filter(Q(receiver_home_id__in=homes) | Q(sender_home_id__in=homes))


def pending_count(user) -> int:
    """Offers waiting in the user's sites' queues (cached on the user for the request)."""
    if not hasattr(user, "_sharing_pending"):
        user._sharing_pending = incoming(user).filter(status="pending").count()
    return user._sharing_pending


def can_decide(user, offer: ShareOffer) -> bool:
    homes = home_ids(user, DECIDERS)
    return homes is None or offer.receiver_home_id in homes


def can_offer_from(user, home_id: int) -> bool:
    homes = home_ids(user)
    return homes is None or home_id in homes


def portal_home_ids(user) -> set[int] | None:
    """Portal home ids whose staff may distribute (``None``: the office, every site)."""
    if is_information_office(user):
        return None
    if not hasattr(user, "_sharing_portal_homes"):
        ids = site_ids_for_user(user)
        user._sharing_portal_homes = (
            set(
                ClusterSite.objects.filter(pk__in=ids, kind=SiteKind.PORTAL).values_list(
                    "root_page_id", flat=True
                )
            )
            if ids
            else set()
        )
    return user._sharing_portal_homes


def can_distribute(user) -> bool:
    homes = portal_home_ids(user)
    return homes is None or bool(homes)


def distributions(user):
    homes = portal_home_ids(user)
    rows = Distribution.objects.all()
    return rows if homes is None else rows.filter(sender_home_id__in=homes)


def active_sites():
    return ClusterSite.objects.filter(status=SiteStatus.ACTIVE).order_by("sort_order", "pk")


def site_names() -> dict[int, str]:
    """``{home page id: site name}`` for every site."""
    return dict(ClusterSite.objects.values_list("root_page_id", "name"))
