"""User forms for site admins: no superuser switch, only their own sites' groups."""

from __future__ import annotations

from django import forms

from wagtail.users.forms import UserCreationForm, UserEditForm

from sitecluster.tenancy.roles import is_information_office

from .scope import assignable_groups


class SiteScopedUserFormMixin:
    def __init__(self, *args, acting_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        self.scoped = acting_user is not None and not is_information_office(acting_user)
        if not self.scoped:
            return
        self.fields.pop("is_superuser", None)
        groups = self.fields["groups"]
        groups.queryset = assignable_groups(acting_user)
        groups.required = True
        groups.label = "本站角色"
        groups.help_text = "选择该用户在您管理的站点中的角色（编辑或审核员）。"
        groups.error_messages["required"] = "请至少选择一个本站角色。"
        if self.instance.pk:
            self.initial["groups"] = list(
                self.instance.groups.filter(pk__in=groups.queryset).values_list("pk", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        if self.scoped and self.instance.pk and self.instance.is_superuser:
            raise forms.ValidationError("您无权修改该用户。")
        return cleaned

    def _save_m2m(self):
        if not self.scoped:
            return super()._save_m2m()
        # Keep memberships the site admin cannot see (other sites, other roles).
        hidden = self.instance.groups.exclude(pk__in=assignable_groups(self.acting_user))
        self.instance.groups.set([*hidden, *self.cleaned_data["groups"]])


class SiteUserCreationForm(SiteScopedUserFormMixin, UserCreationForm):
    pass


class SiteUserEditForm(SiteScopedUserFormMixin, UserEditForm):
    pass
