"""Find many words in long texts at once: the word list compiled into one trie-shaped regex.

A plain alternation (``a|b|c…``) makes the regex engine try every word at every position; a
trie regex (``中(?:国|华)…``) branches on one character at a time, so the cost grows with the
text, not with the number of words. The longest word wins where words overlap ("内部资料" over
"内部").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = ""  # trie key marking the end of a word


def _trie(words) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _pattern(node: dict) -> str:
    ends_here = _END in node
    branches = [re.escape(char) + _pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        grouped = body if len(body) == 1 else f"(?:{body})"
    else:
        grouped = "(?:" + "|".join(sorted(branches)) + ")"
    return grouped + "?" if ends_here else grouped


def compile_words(words) -> re.Pattern | None:
    """One compiled pattern matching any of ``words`` (None for an empty list)."""
    words = {word for word in words if word}
    if not words:
        return None
    return re.compile(_pattern(_trie(words)))


@dataclass(frozen=True)
class Match:
    word: str
    start: int  # 0-based character offset in the scanned text


def find_all(pattern: re.Pattern | None, text: str) -> list[Match]:
    if pattern is None or not text:
        return []
    return [Match(m.group(), m.start()) for m in pattern.finditer(text)]
