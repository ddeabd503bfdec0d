"""Forms of 主题管理: per-site theme and variables, bulk switch, 置灰, preview."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from sitecluster.tenancy.models import ClusterSite

from ..registry import registry
from ..variables import clean_site_values

PREVIEW_PAGES = [("home", "首页"), ("column", "栏目页"), ("article", "文章页")]


def theme_choices():
    # A plain function: form fields deep-copy their choices, and the registry holds a lock.
    return registry.choices()


def _theme_field(**kwargs):
    return forms.ChoiceField(label="主题", choices=theme_choices, **kwargs)


def _sites():
    return ClusterSite.objects.active().order_by("sort_order", "pk")


class SiteThemeForm(forms.Form):
    """One site's theme and its variable overrides, with a field per manifest variable."""

    def __init__(self, *args, site: ClusterSite, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.site, self.theme = site, theme
        current = site.theme_variables if site.theme == theme.name else {}
        current = current if isinstance(current, dict) else {}
        for name, variable in theme.variables.items():
            help_text = variable.help
            if variable.type == "color":
                help_text = f"{help_text} 默认 {variable.default}。".strip()
                field = forms.CharField(
                    label=variable.label,
                    required=False,
                    max_length=7,
                    widget=forms.TextInput(attrs={"placeholder": variable.default, "size": 9}),
                )
            elif variable.type == "choice":
                field = forms.ChoiceField(
                    label=variable.label,
                    required=False,
                    choices=[("", f"默认（{dict(variable.choices)[variable.default]}）")]
                    + list(variable.choices),
                )
            elif variable.type == "image":
                field = forms.ModelChoiceField(
                    label=variable.label,
                    required=False,
                    queryset=get_image_model().objects.all(),
                    widget=AdminImageChooser(),
                )
            else:
                field = forms.CharField(
                    label=variable.label, required=False, max_length=variable.max_length
                )
            field.help_text = help_text
            self.fields[f"var_{name}"] = field
            if name in current:
                self.initial[f"var_{name}"] = current[name]

    def variable_fields(self):
        return [self[f"var_{name}"] for name in self.theme.variables]

    def clean(self):
        cleaned = super().clean()
        raw = {}
        for name, variable in self.theme.variables.items():
            value = cleaned.get(f"var_{name}")
            if variable.type == "image" and value is not None:
                value = value.pk
            if value not in (None, ""):
                raw[name] = value
        values, errors = clean_site_values(self.theme.variables, raw)
        for name, messages in errors.items():
            for message in messages:
                self.add_error(f"var_{name}" if name in self.theme.variables else None, message)
        cleaned["variables"] = values
        return cleaned


class ThemeChoiceForm(forms.Form):
    theme = _theme_field()


class BulkSwitchForm(forms.Form):
    sites = forms.ModelMultipleChoiceField(
        label="站点",
        queryset=ClusterSite.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个站点。"},
    )
    theme = _theme_field()
    keep_variables = forms.BooleanField(
        label="保留站点自定义变量（仅保留新主题中同名且有效的变量）",
        required=False,
        help_text="不勾选时，切换后的站点使用新主题的默认颜色和样式。",
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = _sites()
        self.fields["sites"].label_from_instance = lambda s: f"{s.name}（当前主题：{s.theme}）"


class MourningForm(forms.Form):
    on = forms.TypedChoiceField(
        choices=[("1", "开启置灰"), ("0", "关闭置灰")], coerce=lambda v: v == "1"
    )
    until = forms.DateTimeField(
        label="结束时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="可选；到达该时间后所有网站自动恢复彩色显示。",
    )

    def clean(self):
        cleaned = super().clean()
        until = cleaned.get("until")
        if cleaned.get("on") and until is not None and until <= timezone.now():
            self.add_error("until", "结束时间必须晚于当前时间。")
        return cleaned


class PreviewForm(forms.Form):
    site = forms.ModelChoiceField(label="站点", queryset=ClusterSite.objects.none())
    theme = _theme_field()
    page = forms.ChoiceField(label="预览页面", choices=PREVIEW_PAGES, initial="home")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = _sites()
