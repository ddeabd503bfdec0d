"""Spam and duplicate detection for citizen submissions.

Clear spam (the hidden honeypot field filled in) is refused outright. Likely spam (many links,
one character repeated, no Chinese at all in a long text) is accepted but flagged, so staff can
reject it with one click instead of the letter being lost. A duplicate — the same text from the
same contact within ``DUPLICATE_DAYS`` — is refused with a message pointing to tracking.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.utils import timezone

from .citizen_text import URL

DUPLICATE_DAYS = 30
MAX_LINKS = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_REPEAT = re.compile(r"(.)\1{19,}", re.DOTALL)
BLOCKED_WORDS = ("代开发票", "办证刻章", "网赌", "博彩", "贷款秒批", "加微信返利")


def fingerprint(*parts: str) -> str:
    """Same text from the same contact → same fingerprint (whitespace and case ignored)."""
    normalised = "\x1f".join("".join((part or "").split()).lower() for part in parts)
    return hashlib.sha256(normalised.encode()).hexdigest()


def spam_reasons(*texts: str) -> list[str]:
    text = "\n".join(texts)
    reasons = []
    if len(URL.findall(text)) > MAX_LINKS:
        reasons.append(f"含有超过 {MAX_LINKS} 个网址")
    if _REPEAT.search(text):
        reasons.append("同一字符大量重复")
    if len(text) > 200 and not _HAN.search(text):
        reasons.append("长文本中没有中文")
    words = [word for word in BLOCKED_WORDS if word in text]
    if words:
        reasons.append("含有广告词：" + "、".join(words))
    return reasons


def is_duplicate(queryset, fingerprint_value: str) -> bool:
    since = timezone.now() - dt.timedelta(days=DUPLICATE_DAYS)
    return queryset.filter(fingerprint=fingerprint_value, created_at__gte=since).exists()
