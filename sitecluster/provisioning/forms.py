"""Admin forms of the information office: create a site, choose sites for a rollout."""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import ValidationError

from content_models.organisations.models import Organisation

from .blueprints import BlueprintError, builtin_blueprint_names, load_blueprint
from .models import SiteBlueprint
from .provision import provision_site

logger = logging.getLogger(__name__)


def blueprint_choices() -> list[tuple[str, str]]:
    choices = []
    for name in builtin_blueprint_names():
        try:
            blueprint = load_blueprint(name)
        except BlueprintError as exc:  # a broken file is reported, not offered
            logger.error("Built-in blueprint %s cannot be loaded: %s", name, exc)
            continue
        choices.append((name, f"{blueprint.title}（内置 {name} 第 {blueprint.version} 版）"))
    for copy in SiteBlueprint.objects.all():
        choices.append((copy.code, f"{copy.title}（{copy.code} 第 {copy.version} 版）"))
    return choices


def theme_choices() -> list[tuple[str, str]]:
    choices = [("", "按站点模板的默认主题")]
    try:
        from themes.registry import get_theme, theme_names
    except ImportError:  # the themes app is optional for provisioning
        return choices
    for name in theme_names():
        theme = get_theme(name)
        choices.append((name, f"{getattr(theme, 'title', name)}（{name}）"))
    return choices


class ProvisionSiteForm(forms.Form):
    blueprint = forms.ChoiceField(
        label="站点模板", help_text="决定站点类型、栏目、用户组权限和审核流程。"
    )
    name = forms.CharField(label="站点名称", max_length=100, help_text="如：河东区教育局")
    short_name = forms.CharField(label="简称", max_length=40, required=False)
    code = forms.CharField(
        label="站点代码",
        max_length=40,
        help_text="英文小写字母、数字或连字符，如 jyj；用作门户内路径（/bm/jyj/）。",
    )
    organisation = forms.ModelChoiceField(
        label="主办机构",
        queryset=Organisation.objects.all(),
        required=False,
        help_text="选择已有机构；没有时在下面填写新机构的统一社会信用代码和全称。",
    )
    org_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    org_name = forms.CharField(
        label="机构全称", max_length=100, required=False, help_text="留空时与站点名称相同。"
    )
    hostname = forms.CharField(
        label="主域名",
        max_length=253,
        required=False,
        help_text="如 jyj.hedong.gov.cn；留空表示只通过门户路径访问。",
    )
    aliases = forms.CharField(
        label="旧域名（别名）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个，访问时 301 跳转到主域名。",
    )
    theme = forms.ChoiceField(label="主题", required=False)

    FIELD_NAMES = {
        "code",
        "name",
        "short_name",
        "blueprint",
        "hostname",
        "aliases",
        "org_code",
        "org_name",
        "theme",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["blueprint"].choices = blueprint_choices()
        self.fields["theme"].choices = theme_choices()

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("org_code"):
            self.add_error("org_code", "请选择主办机构，或填写新机构的统一社会信用代码。")
        return data

    def provision(self, user):
        """Create the site; on failure the errors land on the form and ``None`` is returned."""
        data = self.cleaned_data
        try:
            return provision_site(
                blueprint=data["blueprint"],
                code=data["code"],
                name=data["name"],
                short_name=data["short_name"],
                organisation=data["organisation"],
                org_code=data["org_code"],
                org_name=data["org_name"],
                hostname=data["hostname"],
                aliases=data["aliases"].splitlines(),
                theme=data["theme"] or None,
                user=user,
            )
        except ValidationError as exc:
            for field, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                target = field if field in self.FIELD_NAMES else None
                if field == "organisation":
                    target = "organisation"
                for message in messages:
                    self.add_error(target, message)
            return None


class RolloutForm(forms.Form):
    sites = forms.TypedMultipleChoiceField(
        label="应用到这些站点", coerce=int, widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, site_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].choices = list(site_choices)
        self.fields["sites"].error_messages["required"] = "请至少选择一个站点。"
