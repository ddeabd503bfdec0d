"""Dashboard: the page count and a "my sites" panel counted over the user's own sites only.

Wagtail counts every descendant of the user's explorable root, which for the portal's editors
(or a user of two departments) includes other sites' pages.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

from sitecluster.tenancy.roles import site_roles

from .page_policy import grant_region


def own_site_summaries(user) -> list[dict]:
    """Each of the user's sites with its own page count: two queries however many sites."""
    from sitecluster.tenancy.models import ClusterSite, SiteRole

    roles = site_roles(user)
    sites = list(
        ClusterSite.objects.filter(pk__in=roles).select_related("root_page").order_by("sort_order")
    )
    policy = policy_registry.get_by_type(Page)
    regions = {}
    for perm in policy.get_cached_permissions_for_user(user):
        region = grant_region(perm)
        if region.site_id is not None:
            regions.setdefault(region.site_id, Q(pk__in=[]))
            regions[region.site_id] |= region.q()
    counts = (
        Page.objects.aggregate(
            **{f"site_{site_id}": Count("pk", filter=q) for site_id, q in regions.items()}
        )
        if regions
        else {}
    )
    labels = dict(SiteRole.choices)
    return [
        {
            "site": site,
            "roles": [labels[role] for role in SiteRole.values if role in roles[site.pk]],
            "pages": counts.get(f"site_{site.pk}", 0),
            "explore_url": reverse("wagtailadmin_explore", args=[site.root_page_id]),
        }
        for site in sites
    ]


class OwnPagesSummaryItem(PagesSummaryItem):
    template_name = "isolation/home/site_summary_pages.html"

    def get_context_data(self, parent_context):
        summaries = own_site_summaries(self.request.user)
        return {
            "total_pages": sum(item["pages"] for item in summaries),
            "sites": summaries,
            "root_page": summaries[0]["site"].root_page if len(summaries) == 1 else None,
        }


class MySitesPanel(Component):
    name = "my_sites"
    template_name = "isolation/home/my_sites.html"
    order = 50

    def __init__(self, summaries):
        self.summaries = summaries

    def get_context_data(self, parent_context):
        return {"summaries": self.summaries}
