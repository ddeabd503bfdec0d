"""Admin: 发布统计 under 报告 (reports) for the office and site admins."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sitecluster.tenancy.models import SiteRole
from sitecluster.tenancy.roles import is_information_office, site_ids_for_user

from .views import statistics_export, statistics_index


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("publication-statistics/", statistics_index, name="publication_statistics"),
        path(
            "publication-statistics/export/",
            statistics_export,
            name="publication_statistics_export",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_information_office(user) or bool(site_ids_for_user(user, {SiteRole.ADMIN}))


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        "发布统计", reverse("publication_statistics"), icon_name="doc-full", order=910
    )
