"""The texts of a page an editor wrote, as plain text with a location label for each.

Rich text is stripped of tags; a StreamField gives one text per top-level block (its nested
strings joined), labelled "正文 第2块", so a hit can be found again in the editor.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

from django.db import models
from django.utils.html import strip_tags

from wagtail.fields import StreamField

TextItem = tuple[str, str]  # (location, plain text)


def plain(value: str) -> str:
    if "<" in value or "&" in value:
        return html.unescape(strip_tags(value))
    return value


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield plain(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _is_text_field(field) -> bool:
    return field.editable and isinstance(field, models.CharField | models.TextField | StreamField)


def text_fields(model) -> list:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and _is_text_field(field) and field.name != "slug"
    ]


def field_texts(field, value) -> Iterator[TextItem]:
    label = str(field.verbose_name)
    if value is None or value == "":
        return
    if isinstance(field, StreamField):
        raw = field.stream_block.get_prep_value(value)
        for index, block in enumerate(raw, start=1):
            text = "\n".join(s for s in _strings(block.get("value")) if s)
            if text:
                yield f"{label} 第{index}块", text
    else:
        yield label, plain(str(value))


def instance_texts(instance) -> list[TextItem]:
    """Every editable text of a model instance (e.g. a page revision)."""
    items: list[TextItem] = []
    for field in text_fields(type(instance)):
        items.extend(field_texts(field, getattr(instance, field.name, None)))
    return items


def cleaned_texts(model, cleaned_data: dict) -> list[TextItem]:
    """The texts of a submitted edit form, before anything is saved."""
    items: list[TextItem] = []
    for field in text_fields(model):
        if field.name in cleaned_data:
            items.extend(field_texts(field, cleaned_data[field.name]))
    return items


def joined(items: Iterable[TextItem]) -> str:
    return "\n".join(text for _location, text in items)
