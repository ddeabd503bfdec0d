"""Citizen text is plain text: normalised before it is stored, escaped whenever it is shown.

Nothing a citizen types is ever treated as HTML. :func:`plain` cleans what is stored;
:func:`paragraphs_html` is the one place that turns stored text into markup (escaped, then
checked by nh3 against a two-tag allow-list before it is marked safe). :func:`redact` removes
personal data before a letter is published.
"""

from __future__ import annotations

import re
import unicodedata

import nh3

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Bidi overrides and zero-width characters can disguise text (e.g. reverse a URL).
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")

PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})-?\d{7,8}(?!\d)")
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def plain(value: str, *, single_line: bool = False) -> str:
    """What is stored: NFC, no control or invisible characters, ``\\n`` line ends, trimmed."""
    value = unicodedata.normalize("NFC", value or "")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", _INVISIBLE.sub("", value))
    if single_line:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def paragraphs_html(value: str) -> SafeString:
    """Escaped paragraphs (``<p>``/``<br>``) of plain text; nh3 confirms nothing else survives."""
    blocks = [block for block in (value or "").split("\n\n") if block.strip()]
    html = "".join(
        "<p>" + "<br>".join(escape(line) for line in block.split("\n")) + "</p>" for block in blocks
    )
    return mark_safe(nh3.clean(html, tags={"p", "br"}, attributes={}))  # noqa: S308


def mask_name(name: str) -> str:
    """张三丰 → 张**, 李四 → 李** (the length is not revealed); empty stays empty."""
    name = (name or "").strip()
    return name[:1] + "**" if name else ""


def redact(value: str, names: tuple[str, ...] = ()) -> str:
    """Personal data removed for publication: phones, ID numbers, e-mail addresses, names."""
    value = RESIDENT_ID.sub(lambda m: m.group(1) + "*" * 12, value)
    value = PHONE.sub(r"\1****\2", value)
    value = LANDLINE.sub(r"\1-********", value)
    value = EMAIL.sub("***@***", value)
    for name in names:
        name = (name or "").strip()
        if len(name) >= 2:
            value = value.replace(name, mask_name(name))
    return value


def personal_data_left(value: str) -> list[str]:
    """What :func:`redact` would still remove; publication is refused while any is left."""
    found = []
    if RESIDENT_ID.search(value):
        found.append("身份证号码")
    if PHONE.search(value) or LANDLINE.search(value):
        found.append("电话号码")
    if EMAIL.search(value):
        found.append("电子邮箱")
    return found
