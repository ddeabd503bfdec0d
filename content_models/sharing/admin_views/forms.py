"""Forms of the sharing screens; every message to the user is Chinese."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from wagtail.models import Page

from content_models.columns.models import ColumnPage, ColumnType

from .scope import active_sites

KIND_CHOICES = [("department", "区直部门"), ("street", "街道（乡镇）"), ("topic", "专题网站")]


class OfferForm(forms.Form):
    receiver = forms.ModelChoiceField(
        label="报送给",
        queryset=None,
        empty_label=None,
        help_text="接收站点的管理员或审核员决定是否采用。",
    )
    message = forms.CharField(
        label="报送说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, sender_home_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        sites = active_sites().exclude(root_page_id=sender_home_id)
        self.fields["receiver"].queryset = sites.order_by("-kind", "sort_order", "pk")
        portal = sites.filter(kind="portal").first()
        if portal is not None:
            self.fields["receiver"].initial = portal.pk


def site_columns(home: Page):
    """Live columns of the site at ``home``, not those of member sites nested below it."""
    nested = Page.objects.filter(
        cluster_site__isnull=False, path__startswith=home.path, depth__gt=home.depth
    ).values_list("path", flat=True)
    exclude = Q()
    for path in nested:
        exclude |= Q(path__startswith=path)
    columns = ColumnPage.objects.descendant_of(home).live()
    return (columns.exclude(exclude) if exclude else columns).order_by("path")


class ColumnChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'　' * max(obj.depth - self.base_depth - 1, 0)}{obj.title}"


class AcceptForm(forms.Form):
    column = ColumnChoiceField(label="采用到栏目", queryset=None, empty_label=None)

    def __init__(self, *args, receiver_home: Page, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["column"]
        field.queryset = site_columns(receiver_home)
        field.base_depth = receiver_home.depth
        if source is not None:
            column_type = source.get_parent().specific
            same = field.queryset.filter(column_type=getattr(column_type, "column_type", ""))
            first = same.first()
            if first is not None:
                field.initial = first.pk


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="退回理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写退回理由。"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("请填写退回理由。")
        return reason


class DistributeForm(forms.Form):
    scope = forms.ChoiceField(
        label="分发范围",
        choices=[("all", "全部成员站点"), ("kind", "按站点类型"), ("list", "指定站点")],
        initial="all",
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label="站点类型", choices=KIND_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    sites = forms.ModelMultipleChoiceField(
        label="指定站点", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    column_type = forms.ChoiceField(
        label="放入各站的栏目",
        choices=[
            (ColumnType.NOTICE, "通知公告"),
            (ColumnType.DYNAMIC, "动态要闻"),
            (ColumnType.POLICY, "政策文件"),
            (ColumnType.INTERPRETATION, "政策解读"),
        ],
        initial=ColumnType.NOTICE,
        help_text="每个站点中该类型的第一个栏目。",
    )

    def __init__(self, *args, sender_home: Page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].queryset = active_sites().filter(
            root_page__path__startswith=sender_home.path, root_page__depth__gt=sender_home.depth
        )

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == "kind" and not data.get("kinds"):
            self.add_error("kinds", "请选择至少一种站点类型。")
        if scope == "list" and not data.get("sites"):
            self.add_error("sites", "请选择至少一个站点。")
        return data

    def target_label(self) -> str:
        data = self.cleaned_data
        if data["scope"] == "kind":
            labels = dict(KIND_CHOICES)
            return "、".join(labels[kind] for kind in data["kinds"])
        if data["scope"] == "list":
            return "、".join(site.name for site in data["sites"])
        return "全部成员站点"
