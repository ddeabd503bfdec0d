"""Admin: 备份与维护日志 in the settings menu, for the information office only."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sitecluster.tenancy.roles import is_information_office

from .views import backups_index, backups_start


@hooks.register("register_admin_urls")
def register_backup_urls():
    return [
        path("backups/", backups_index, name="backups_index"),
        path("backups/start/", backups_start, name="backups_start"),
    ]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_information_office(request.user)


@hooks.register("register_settings_menu_item")
def register_backup_menu_item():
    return OfficeMenuItem(
        "备份与维护日志", reverse("backups_index"), icon_name="download", order=900
    )
