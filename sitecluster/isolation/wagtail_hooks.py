"""Hooks that confine admin surfaces without a permission policy to the user's sites."""

from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem

from .dashboard import MySitesPanel, OwnPagesSummaryItem, own_site_summaries
from .moderation import prime_group_task_checks
from .scope import is_scoped
from .views.pages import filter_chooser_pages

hooks.register("construct_page_chooser_queryset", filter_chooser_pages)


@hooks.register("construct_homepage_summary_items")
def own_sites_page_count(request, summary_items):
    if not is_scoped(request.user):
        return
    summary_items[:] = [
        OwnPagesSummaryItem(request) if isinstance(item, PagesSummaryItem) else item
        for item in summary_items
    ]


@hooks.register("construct_homepage_panels")
def my_sites_panel(request, panels):
    prime_group_task_checks(request.user)
    if is_scoped(request.user):
        panels.insert(0, MySitesPanel(own_site_summaries(request.user)))


@hooks.register("construct_admin_api", order=100)
def scoped_media_api(router):
    from .views.api import register_endpoints

    register_endpoints(router)
