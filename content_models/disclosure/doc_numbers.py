"""发文字号 (document numbers) as GB/T 9704-2012 writes them: 机关代字〔年份〕序号号.

Accepted: any 机关代字 of Chinese characters (optionally with digits/letters), the year in the
hexagonal brackets 〔〕 and a serial without leading zeros, e.g. ``国办发〔2017〕47号``,
``京政办发〔2020〕3号``, ``财税〔2019〕13号``, ``国发明电〔2020〕5号``,
``国办公开办函〔2019〕61号``.
Brackets typed as [] ［］ 【】 () （） ﹝﹞ are normalised to 〔〕 before validation, because
legacy catalogues are full of them. The "X发" of the brief is one common shape, not a rule:
函, 明电 and ministries' own codes (财税) are just as official.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRACKETS = re.compile(r"[\[［【(（﹝]\s*(\d{4})\s*[\]］】)）﹞]")
DOC_NUMBER_RE = re.compile(
    r"^(?P<agency>[\u4e00-\u9fffA-Za-z0-9·]{1,30}?)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d{0,4})号$"
)


@dataclass(frozen=True)
class DocNumber:
    agency: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.agency}〔{self.year}〕{self.serial}号"


def normalise_doc_number(value: str) -> str:
    value = re.sub(r"\s+", "", value or "")
    value = _BRACKETS.sub(r"〔\1〕", value)
    return value.replace("第", "", 1) if re.search(r"〕第\d", value) else value


def parse_doc_number(value: str) -> DocNumber | None:
    match = DOC_NUMBER_RE.match(normalise_doc_number(value))
    if not match:
        return None
    return DocNumber(match["agency"], int(match["year"]), int(match["serial"]))


def doc_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 发文字号, in Chinese; None if it is valid."""
    value = normalise_doc_number(value)
    if not value:
        return None
    if "〔" not in value:
        return "发文字号的年份应使用六角括号“〔〕”，如：国办发〔2017〕47号。"
    match = DOC_NUMBER_RE.match(value)
    if not match:
        if re.search(r"〕0\d*号$", value):
            return "发文字号的序号不编虚位（不加“0”），如：国办发〔2017〕47号。"
        return "发文字号格式应为“机关代字〔年份〕序号号”，如：国办发〔2017〕47号。"
    if not 1949 <= int(match["year"]) <= 2100:
        return "发文字号中的年份不正确。"
    return None
