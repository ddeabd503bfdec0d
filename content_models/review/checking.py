"""Check texts against the word lists: which words, where, and whether they block.

The lists are compiled once per process into two trie regexes (blocking and warning words)
and recompiled when the table changes (one cheap aggregate query per check tells).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max

from .content import TextItem, instance_texts
from .matching import compile_words, find_all
from .models import SensitiveWord, WordLevel

logger = logging.getLogger(__name__)
CONTEXT_CHARS = 8


@dataclass(frozen=True)
class Hit:
    word: str
    level: str
    location: str
    position: int  # 1-based character position within the location's text
    context: str
    replacement: str = ""
    note: str = ""

    @property
    def blocking(self) -> bool:
        return self.level == WordLevel.BLOCK

    def describe(self) -> str:
        text = f"“{self.word}”（{self.location}，第{self.position}字：…{self.context}…）"
        if self.replacement:
            text += f"，建议改为“{self.replacement}”"
        if self.note:
            text += f"，{self.note}"
        return text


@dataclass
class CheckReport:
    hits: list[Hit] = field(default_factory=list)

    @property
    def blocking(self) -> list[Hit]:
        return [hit for hit in self.hits if hit.blocking]

    @property
    def warnings(self) -> list[Hit]:
        return [hit for hit in self.hits if not hit.blocking]


@dataclass(frozen=True)
class _CompiledLists:
    version: tuple
    pattern: object
    words: dict  # word -> (level, replacement, note)


_lock = threading.Lock()
_compiled: _CompiledLists | None = None


def _version() -> tuple:
    row = SensitiveWord.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    return row["count"], row["latest"]


def compiled_lists() -> _CompiledLists:
    global _compiled
    version = _version()
    current = _compiled
    if current is not None and current.version == version:
        return current
    with _lock:
        rows = SensitiveWord.objects.values_list("word", "level", "replacement", "note")
        words = {word: (level, replacement, note) for word, level, replacement, note in rows}
        _compiled = _CompiledLists(version, compile_words(words), words)
        logger.info("Compiled %d review words", len(words))
        return _compiled


def check_texts(items: Iterable[TextItem]) -> CheckReport:
    lists = compiled_lists()
    report = CheckReport()
    for location, text in items:
        for match in find_all(lists.pattern, text):
            level, replacement, note = lists.words[match.word]
            before = text[max(0, match.start - CONTEXT_CHARS) : match.start]
            end = match.start + len(match.word)
            after = text[end : end + CONTEXT_CHARS]
            report.hits.append(
                Hit(
                    word=match.word,
                    level=level,
                    location=location,
                    position=match.start + 1,
                    context=(before + match.word + after).replace("\n", " "),
                    replacement=replacement,
                    note=note,
                )
            )
    return report


def check_instance(instance) -> CheckReport:
    return check_texts(instance_texts(instance))


def blocking_hits_for_revision(revision) -> list[Hit]:
    if revision is None:
        return []
    return check_instance(revision.as_object()).blocking
