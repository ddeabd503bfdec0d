"""Highlighted titles and snippets: the query's words marked in the original text."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import segmentation

SNIPPET_LENGTH = 120
SCAN_LIMIT = 4000


def _pattern(words: list[str]):
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)


def _fold(text: str) -> str:
    """Text for matching: normalised like the query, when that keeps every offset."""
    folded = segmentation.normalise(text)
    return folded if len(folded) == len(text) else text


def _mark(text: str, pattern) -> str:
    if pattern is None:
        return escape(text)
    out, cursor = [], 0
    for match in pattern.finditer(_fold(text)):
        out.append(escape(text[cursor : match.start()]))
        out.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    out.append(escape(text[cursor:]))
    # Adjacent words read as one highlight: 清洁 + 取暖 → <mark>清洁取暖</mark>.
    return "".join(out).replace("</mark><mark>", "")


def highlight_title(title: str, words: list[str]):
    return mark_safe(_mark(title, _pattern(words)))  # noqa: S308 (escaped above)


def snippet(body: str, words: list[str], length: int = SNIPPET_LENGTH):
    """The window of ``body`` holding the most distinct query words, highlighted.

    Only the first SCAN_LIMIT characters are scanned: a results page shows ten snippets and
    must not fold and search twenty thousand characters for each.
    """
    body = re.sub(r"\s+", " ", (body or "")[:SCAN_LIMIT]).strip()
    pattern = _pattern(words)
    if not body:
        return ""
    start = 0
    if pattern is not None:
        folded = _fold(body)
        best, best_score = None, -1
        for n, match in enumerate(pattern.finditer(folded)):
            if n >= 50:
                break
            window_start = max(0, match.start() - 20)
            window = folded[window_start : window_start + length]
            score = len({m.group(0) for m in pattern.finditer(window)})
            if score > best_score:
                best, best_score = window_start, score
        if best is not None:
            start = best
    text = body[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(body) else ""
    return mark_safe(prefix + _mark(text, pattern) + suffix)  # noqa: S308 (escaped in _mark)
