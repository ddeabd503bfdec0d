"""Turning a catalogue's cell texts into field values, with Chinese messages for bad cells."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from content_models.disclosure.taxonomy import (
    DisclosureMode,
    DocType,
    InfoCategory,
    LegalClass,
    Validity,
    guess_doc_type,
)

TZ = ZoneInfo("Asia/Shanghai")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$"
)


class CellError(ValueError):
    """A cell that cannot be used; the message is in Chinese and names the column."""


def parse_date(text: str, column: str) -> dt.date | None:
    return _parse(text, column)[0]


def parse_datetime(text: str, column: str) -> dt.datetime | None:
    day, hour, minute = _parse(text, column)
    if day is None:
        return None
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _parse(text: str, column: str):
    text = (text or "").strip()
    if not text:
        return None, 0, 0
    match = _DATE.match(text)
    if not match:
        raise CellError(f"{column}“{text}”不是有效日期（应为 2025-03-01 或 2025年3月1日）")
    year, month, day = (int(match[i]) for i in (1, 2, 3))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise CellError(f"{column}“{text}”不是有效日期") from None
    return date, int(match[4] or 9), int(match[5] or 0)


def _choice(text: str, choices, column: str, aliases: dict[str, str] | None = None, default=None):
    text = (text or "").strip()
    if not text:
        return default
    lookup = {label: value for value, label in choices.choices}
    lookup.update({value: value for value in choices.values})
    lookup.update(aliases or {})
    if text not in lookup:
        allowed = "、".join(label for _, label in choices.choices)
        raise CellError(f"{column}“{text}”不在可选值中（{allowed}）")
    return lookup[text]


def validity(text: str) -> str:
    return _choice(
        text,
        Validity,
        "有效性",
        {"现行有效": "effective", "修订": "amended", "废止": "repealed", "失效": "repealed"},
        Validity.EFFECTIVE,
    )


def disclosure_mode(text: str) -> str:
    return _choice(text, DisclosureMode, "公开方式", None, DisclosureMode.PROACTIVE)


def info_category(text: str) -> str:
    return _choice(text, InfoCategory, "信息类别", {"其他": "other"}, InfoCategory.POLICY)


def legal_class(text: str) -> str:
    return _choice(text, LegalClass, "文件类别", {"规范性文件": "normative"}, LegalClass.OTHER)


def doc_type(text: str, title: str) -> str:
    if not (text or "").strip():
        return guess_doc_type(title)
    return _choice(text, DocType, "体裁分类", {"令": "命令"})
