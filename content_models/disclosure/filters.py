"""Filtering, sorting and exact lookup of disclosure catalogues (目录)."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from .doc_numbers import normalise_doc_number
from .taxonomy import TOPIC_SEPARATOR, DisclosureMode, DocType, Validity, topic_tree

SORTS = {
    "-publish_at": ("发布日期（新→旧）", ["-publish_at", "-pk"]),
    "publish_at": ("发布日期（旧→新）", ["publish_at", "pk"]),
    "-written_date": ("成文日期（新→旧）", ["-written_date", "-publish_at", "-pk"]),
    "index_number": ("索引号", ["index_number", "pk"]),
    "title": ("标题", ["title", "pk"]),
}


def _topic_filter_choices():
    choices = [("", "全部主题")]
    for first, seconds in topic_tree():
        options = [(first, f"{first}（全部）")]
        options += [(f"{first}{TOPIC_SEPARATOR}{second}", second) for second in seconds]
        choices.append((first, options))
    return choices


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label="索引号 / 发文字号 / 标题",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "如：国办发〔2017〕47号 或 索引号"}),
    )
    body = forms.TypedChoiceField(label="发布机构", required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(label="主题分类", required=False)
    doc_type = forms.ChoiceField(
        label="体裁分类", required=False, choices=[("", "全部体裁"), *DocType.choices]
    )
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=[("", "全部"), *Validity.choices]
    )
    mode = forms.ChoiceField(
        label="公开方式", required=False, choices=[("", "全部"), *DisclosureMode.choices]
    )
    sort = forms.ChoiceField(
        label="排序",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
    )

    def __init__(self, *args, bodies=(), years=(), show_body=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _topic_filter_choices()
        self.fields["year"].choices = [("", "全部年份"), *[(y, f"{y}年") for y in years]]
        if show_body:
            self.fields["body"].choices = [("", "全部机构"), *[(b.pk, b.name) for b in bodies]]
        else:
            del self.fields["body"]

    def cleaned(self) -> dict:
        """Cleaned values, dropping any invalid field instead of rejecting the whole query."""
        if self.is_valid():
            return self.cleaned_data
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}


def apply_filters(queryset, values: dict):
    if values.get("body"):
        queryset = queryset.filter(organisation_id=values["body"])
    topic = values.get("topic")
    if topic:
        if TOPIC_SEPARATOR in topic:
            queryset = queryset.filter(topic=topic)
        else:
            queryset = queryset.filter(topic__startswith=f"{topic}{TOPIC_SEPARATOR}")
    for key, field in (
        ("doc_type", "doc_type"),
        ("validity", "validity"),
        ("mode", "disclosure_mode"),
    ):
        if values.get(key):
            queryset = queryset.filter(**{field: values[key]})
    if values.get("year"):
        queryset = queryset.filter(publish_at__year=values["year"])
    q = (values.get("q") or "").strip()
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q)
            | Q(index_number__iexact=q)
            | Q(doc_number=normalise_doc_number(q))
            | Q(doc_number__icontains=q)
        )
    return queryset.order_by(
        *SORTS.get(values.get("sort") or "-publish_at", SORTS["-publish_at"])[1]
    )


def exact_match(queryset, q: str):
    """The one document whose 索引号 or 发文字号 is exactly ``q``, if there is exactly one."""
    q = (q or "").strip()
    if not q:
        return None
    matches = list(
        queryset.filter(Q(index_number__iexact=q) | Q(doc_number=normalise_doc_number(q)))[:2]
    )
    return matches[0] if len(matches) == 1 else None
