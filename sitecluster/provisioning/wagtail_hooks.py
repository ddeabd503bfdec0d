"""Audit-log actions, the 站点模板 admin, and the locked-column rules in the page admin."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from sitecluster.tenancy.roles import is_information_office

from . import locks
from .audit import register_site_actions
from .views.blueprints import BlueprintIndexView, BlueprintShowView, CopyBlueprintView, RolloutView
from .viewsets import SiteBlueprintViewSet


@hooks.register("register_log_actions")
def site_log_actions(actions):
    register_site_actions(actions)


@hooks.register("register_admin_viewset")
def blueprint_copies_viewset():
    return SiteBlueprintViewSet()


@hooks.register("register_admin_urls")
def blueprint_urls():
    return [
        path("blueprints/", BlueprintIndexView.as_view(), name="provisioning_blueprints"),
        path(
            "blueprints/builtin/<slug:name>/",
            BlueprintShowView.as_view(),
            name="provisioning_blueprint_show",
        ),
        path(
            "blueprints/copy/<slug:name>/",
            CopyBlueprintView.as_view(),
            name="provisioning_blueprint_copy",
        ),
        path(
            "blueprints/rollout/<slug:name>/",
            RolloutView.as_view(),
            name="provisioning_blueprint_rollout",
        ),
    ]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_information_office(request.user)


@hooks.register("register_admin_menu_item")
def blueprint_menu_item():
    return OfficeMenuItem(
        "站点模板", reverse("provisioning_blueprints"), icon_name="doc-full", order=210
    )


# -- locked columns ------------------------------------------------------------------------


def _refuse(request, message: str, fallback_page: Page):
    if not request.accepts("text/html"):
        return JsonResponse(
            {"success": False, "error_code": "locked_column", "error_message": message},
            status=400,
        )
    messages.error(request, message)
    return redirect("wagtailadmin_explore", fallback_page.pk)


@hooks.register("before_delete_page")
def keep_locked_columns_on_delete(request, page):
    if locks.may_change_locked(request.user) or not locks.locked_within([page]):
        return None
    return _refuse(
        request, locks.DELETE_MESSAGE.format(title=page.title), page.get_parent() or page
    )


@hooks.register("before_move_page")
def keep_locked_columns_on_move(request, page, destination):
    if locks.may_change_locked(request.user) or not locks.locked_within([page]):
        return None
    return _refuse(request, locks.MOVE_MESSAGE.format(title=page.title), page.get_parent() or page)


@hooks.register("before_edit_page")
def keep_locked_column_names(request, page):
    if request.method != "POST" or locks.may_change_locked(request.user):
        return None
    if not locks.renames_locked(page, request.POST):
        return None
    message = locks.RENAME_MESSAGE.format(title=page.title)
    if not request.accepts("text/html"):
        return _refuse(request, message, page)
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_locked_columns_in_bulk(request, action_type, objects, action_class_instance):
    if action_type not in ("delete", "move") or locks.may_change_locked(request.user):
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    blocked = locks.locked_within(pages)
    if not blocked:
        return None
    template = locks.DELETE_MESSAGE if action_type == "delete" else locks.MOVE_MESSAGE
    message = template.format(title="”“".join(page.title for page in blocked))
    parent = blocked[0].get_parent() or blocked[0]
    return _refuse(request, message, parent)
