"""The admin viewset of blueprint copies (information office only)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from sitecluster.tenancy.roles import is_information_office

from .models import SiteBlueprint


class OfficeOnlyPolicy(ModelPermissionPolicy):
    """Every action for the information office, none for anyone else."""

    def user_has_permission(self, user, action):
        return is_information_office(user)

    def user_has_any_permission(self, user, actions):
        return is_information_office(user)


class DeleteBlueprintView(DeleteView):
    """A copy that sites still use cannot be deleted (they could no longer be rolled out)."""

    def dispatch(self, request, *args, **kwargs):
        copy = SiteBlueprint.objects.filter(pk=kwargs.get("pk")).first()
        used = SiteBlueprint.sites_using(copy.code) if copy else 0
        if used:
            messages.error(request, f"有 {used} 个站点使用模板 {copy.code}，不能删除。")
            return redirect("provisioning_blueprints")
        return super().dispatch(request, *args, **kwargs)


class SiteBlueprintViewSet(ModelViewSet):
    model = SiteBlueprint
    icon = "doc-full"
    menu_label = "站点模板副本"
    add_to_admin_menu = False
    url_prefix = "blueprints/copies"
    name = "provisioning_blueprint_copies"
    list_display = ["title", "code", "based_on", "version", "updated_at"]
    search_fields = ["title", "code"]
    form_fields = ["title", "code", "definition"]
    delete_view_class = DeleteBlueprintView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["definition"].widget = forms.Textarea(
            attrs={"rows": 40, "style": "font-family: monospace", "spellcheck": "false"}
        )
        return form_class
