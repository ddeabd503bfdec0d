"""Wagtail's user admin with every view confined to the users a site admin manages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.functional import cached_property

from wagtail.admin.views import generic
from wagtail.permissions import policy_registry
from wagtail.users.views import users

from sitecluster.tenancy.roles import is_information_office

from .forms import SiteUserCreationForm, SiteUserEditForm
from .scope import assignable_groups

User = get_user_model()


def visible_users(request):
    return policy_registry.get_by_type(User).instances_user_has_any_permission_for(
        request.user, {"change", "view"}
    )


class ScopedObjectMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not visible_users(self.request).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ActingUserFormMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["acting_user"] = self.request.user
        return kwargs


class IndexView(users.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=visible_users(self.request))

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None and not is_information_office(self.request.user):
            filterset.form.fields.pop("is_superuser", None)
            if "group" in filterset.form.fields:
                filterset.form.fields["group"].queryset = assignable_groups(self.request.user)
        return filterset


class CreateView(ActingUserFormMixin, users.CreateView):
    pass


class EditView(ScopedObjectMixin, ActingUserFormMixin, users.EditView):
    pass


class DeleteView(ScopedObjectMixin, users.DeleteView):
    pass


class HistoryView(ScopedObjectMixin, users.HistoryView):
    pass


class UsageView(ScopedObjectMixin, generic.UsageView):
    pass


class CopyView(ScopedObjectMixin, ActingUserFormMixin, generic.CopyView):
    pass


class SiteUserViewSet(users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_class = CopyView

    def get_form_class(self, for_update=False):
        return SiteUserEditForm if for_update else SiteUserCreationForm
