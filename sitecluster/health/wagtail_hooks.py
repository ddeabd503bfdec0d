"""系统状态 in the admin (information office only)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sitecluster.tenancy.roles import is_information_office

from .views import StatusView


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_information_office(request.user)


@hooks.register("register_admin_urls")
def status_urls():
    return [path("system-status/", StatusView.as_view(), name="health_status")]


@hooks.register("register_settings_menu_item")
def status_menu_item():
    return OfficeMenuItem("系统状态", reverse("health_status"), icon_name="pick", order=900)
