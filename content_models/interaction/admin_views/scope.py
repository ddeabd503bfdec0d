"""Which letters and comments a staff member may see: those of the sites they work on.

The information office (``tenancy.manage_cluster``) sees every site. Everyone else sees the
letters whose current mailbox is on one of the sites they hold a role on (admin, reviewer or
editor), found from :mod:`sitecluster.tenancy.roles` — never from page permissions, so a
portal editor does not see departments' letters although their pages lie below the portal.
"""

from __future__ import annotations

from wagtail.models import Page

from sitecluster.tenancy.models import ClusterSite
from sitecluster.tenancy.roles import is_information_office, site_ids_for_user


def site_home_ids(user) -> list[int] | None:
    """Home page ids of the user's sites; ``None`` means every site (the information office)."""
    if is_information_office(user):
        return None
    return list(
        ClusterSite.objects.filter(pk__in=site_ids_for_user(user)).values_list(
            "root_page_id", flat=True
        )
    )


def can_handle_letters(user) -> bool:
    return is_information_office(user) or bool(site_ids_for_user(user))


def scoped(queryset, user):
    homes = site_home_ids(user)
    return queryset if homes is None else queryset.filter(site_home_id__in=homes)


def site_names() -> dict[int, str]:
    """``{home page id: site name}`` for every site."""
    return dict(ClusterSite.objects.values_list("root_page_id", "name"))


def mailbox_labels(mailboxes) -> dict[int, str]:
    """``{mailbox id: "site name · mailbox title"}`` with two queries however many mailboxes."""
    sites = sorted(
        ClusterSite.objects.values_list("root_page__path", "name"), key=lambda row: -len(row[0])
    )
    labels = {}
    for mailbox in mailboxes:
        owner = next((name for path, name in sites if mailbox.path.startswith(path)), "")
        labels[mailbox.pk] = f"{owner} · {mailbox.title}" if owner else mailbox.title
    return labels


def home_pages(ids) -> dict[int, Page]:
    return Page.objects.in_bulk(list(ids))
