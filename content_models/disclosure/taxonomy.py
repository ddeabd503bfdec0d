"""Vocabularies of a disclosure document: 主题分类, 体裁分类 (公文文种), 有效性, 公开方式.

The two-level 主题分类 ships as data (``data/topics.json``); a stored topic is ``一级\\二级``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.db import models

TOPIC_FILE = Path(__file__).resolve().parent / "data" / "topics.json"
TOPIC_SEPARATOR = "\\"


@cache
def topic_tree() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = json.loads(TOPIC_FILE.read_text("utf-8"))
    return tuple((first, tuple(seconds)) for first, seconds in data["topics"])


def topic_choices() -> list:
    """Grouped choices (shown as <optgroup>s): ``[(一级, [(一级\\二级, 二级), ...]), ...]``."""
    return [
        (first, [(f"{first}{TOPIC_SEPARATOR}{second}", second) for second in seconds])
        for first, seconds in topic_tree()
    ]


@cache
def topic_values() -> frozenset[str]:
    return frozenset(
        f"{first}{TOPIC_SEPARATOR}{second}" for first, seconds in topic_tree() for second in seconds
    )


def first_level_topics() -> list[str]:
    return [first for first, _ in topic_tree()]


def normalise_topic(value: str) -> str:
    """Accept ``一级\\二级``, ``一级/二级`` or ``一级－二级`` (as catalogues export it)."""
    value = (value or "").strip()
    for separator in ("/", "／", "-", "－", "—", ">", "＞", "、\\"):
        if TOPIC_SEPARATOR not in value and separator in value:
            first, _, second = value.rpartition(separator)
            if f"{first.strip()}{TOPIC_SEPARATOR}{second.strip()}" in topic_values():
                return f"{first.strip()}{TOPIC_SEPARATOR}{second.strip()}"
    return value.replace("＼", TOPIC_SEPARATOR)


class DocType(models.TextChoices):
    """体裁分类: the 15 公文文种 of 《党政机关公文处理工作条例》 (2012), plus 其他."""

    RESOLUTION = "决议", "决议"
    DECISION = "决定", "决定"
    ORDER = "命令", "命令（令）"
    COMMUNIQUE = "公报", "公报"
    ANNOUNCEMENT = "公告", "公告"
    PUBLIC_NOTICE = "通告", "通告"
    OPINION = "意见", "意见"
    NOTICE = "通知", "通知"
    CIRCULAR = "通报", "通报"
    REPORT = "报告", "报告"
    REQUEST = "请示", "请示"
    REPLY = "批复", "批复"
    MOTION = "议案", "议案"
    LETTER = "函", "函"
    MINUTES = "纪要", "纪要"
    OTHER = "其他", "其他"


def guess_doc_type(title: str) -> str:
    """The 文种 a title ends with (公文标题 = 发文机关 + 事由 + 文种), else 其他."""
    title = (title or "").strip().rstrip("。")
    for value in sorted(DocType.values, key=len, reverse=True):
        if value != DocType.OTHER and title.endswith(value):
            return value
    if title.endswith("令"):
        return DocType.ORDER
    return DocType.OTHER


class Validity(models.TextChoices):
    EFFECTIVE = "effective", "有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"


# 有效性 may only move forward: 有效 → 已修订 / 已废止, never back, never between the two.
VALIDITY_TRANSITIONS = {
    Validity.EFFECTIVE: {Validity.AMENDED, Validity.REPEALED},
    Validity.AMENDED: set(),
    Validity.REPEALED: set(),
}


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


class InfoCategory(models.TextChoices):
    """What kind of item this is in the catalogue; policies and interpretations link both ways."""

    POLICY = "policy", "政策文件"
    INTERPRETATION = "interpretation", "政策解读"
    OTHER = "other", "其他政府信息"


class LegalClass(models.TextChoices):
    """For the annual report's table 二: 规章 / 行政规范性文件 are counted separately."""

    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他文件"
