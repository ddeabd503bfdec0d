"""Wagtail hooks of the themes app: theme resolution for served pages, the 主题管理 admin
(information office only), its audit-log actions and the 置灰 dashboard panel."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from sitecluster.tenancy.roles import is_information_office

from .admin import urls as admin_urls
from .admin.audit import register_theme_actions
from .mourning import mourning_active, mourning_state
from .resolution import note_page


@hooks.register("before_serve_page")
def remember_page_for_theme(page, request, serve_args, serve_kwargs):
    """The page being served decides the site and so the theme (see themes.resolution)."""
    note_page(page)


@hooks.register("register_admin_urls")
def theme_admin_urls():
    return [path("", include(admin_urls))]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_information_office(request.user)


@hooks.register("register_admin_menu_item")
def theme_menu_item():
    return OfficeMenuItem("主题管理", reverse("themes_admin_index"), icon_name="desktop", order=220)


@hooks.register("register_log_actions")
def theme_log_actions(actions):
    register_theme_actions(actions)


class MourningPanel(Component):
    """Dashboard panel: the 置灰 switch, one click away for the information office."""

    name = "themes_mourning"
    order = 90
    template_name = "themes/admin/mourning_panel.html"

    def get_context_data(self, parent_context):
        enabled, until = mourning_state()
        return {
            "mourning_enabled": enabled,
            "mourning_until": until,
            "mourning_active": mourning_active(),
            "csrf_token": parent_context.get("csrf_token"),
            "request": parent_context.get("request"),
        }


@hooks.register("construct_homepage_panels")
def mourning_dashboard_panel(request, panels):
    if is_information_office(request.user):
        panels.append(MourningPanel())
