"""From what a citizen typed to a match expression every engine can render.

A query becomes *terms* that are all required (AND). A term matches its word as indexed, or all
of the word's sub-words (委员会 also matches a text segmented 委员/会), or any synonym the
information office declared (发改委 = 发展和改革委员会). Particles (的, 了…) are dropped; question
words (哪些, 如何…) are kept until the query has to be relaxed.

Expressions are small trees: ``("tok", "word")``, ``("and", [...])``, ``("or", [...])``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from . import segmentation

PARTICLES = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "嘛",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "有",
        "把",
        "被",
        "对",
        "个",
        "之",
        "也",
        "都",
        "就",
        "而",
        "并",
        "等",
        "我",
        "我们",
        "你",
        "您",
        "他",
        "她",
        "它",
        "请",
        "请问",
        "一下",
        "这",
        "那",
        "这个",
        "那个",
    ]
)
QUESTION_WORDS = frozenset(
    [
        "哪些",
        "什么",
        "如何",
        "怎么",
        "怎样",
        "怎么样",
        "为什么",
        "为何",
        "多少",
        "哪里",
        "哪儿",
        "哪个",
        "哪家",
        "几",
        "是否",
        "能否",
        "可否",
        "可以",
        "能",
        "会",
        "要",
        "需要",
        "应该",
        "应当",
        "有没有",
        "是不是",
        "办理",
        "咨询",
        "查询",
    ]
)
MAX_QUERY_LENGTH = 100


def tok(word):
    return ("tok", word)


def all_of(items):
    items = [item for item in items if item]
    if not items:
        return None
    return items[0] if len(items) == 1 else ("and", items)


def any_of(items):
    unique = []
    for item in items:
        if item and item not in unique:
            unique.append(item)
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else ("or", unique)


def tokens_of(expr) -> list[str]:
    """Every token an expression mentions (for highlighting)."""
    if expr is None:
        return []
    if expr[0] == "tok":
        return [expr[1]]
    return [token for item in expr[1] for token in tokens_of(item)]


def word_expr(word: str):
    """A word as indexed, or all of its sub-words when its text was segmented differently."""
    subs = segmentation.sub_words(word) if len(word) >= 3 else []
    return any_of([tok(word), all_of([tok(sub) for sub in subs])]) if subs else tok(word)


def phrase_expr(text: str):
    return all_of([word_expr(w) for w in segmentation.words(text) if w not in PARTICLES])


@dataclass(frozen=True)
class Term:
    text: str
    expr: tuple
    question: bool = False


@dataclass
class QueryPlan:
    text: str
    terms: list[Term] = field(default_factory=list)
    relaxation: str = ""  # "" strict; otherwise a short English tag of the step that matched

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def expression(self, terms=None):
        return all_of([term.expr for term in (self.terms if terms is None else terms)])

    def highlight_words(self) -> list[str]:
        words = {token for term in self.terms for token in tokens_of(term.expr)}
        return sorted(words, key=len, reverse=True)


def clean_query(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())[:MAX_QUERY_LENGTH]


def _synonym_spans(text: str, groups: dict[str, list[str]]):
    """Non-overlapping (start, end, member) spans of synonym members, longest first."""
    spans = []
    taken = [False] * len(text)
    for member in sorted(groups, key=len, reverse=True):
        start = text.find(member)
        while start != -1:
            end = start + len(member)
            if not any(taken[start:end]):
                spans.append((start, end, member))
                taken[start:end] = [True] * (end - start)
            start = text.find(member, end)
    return sorted(spans)


def parse(text: str, synonyms: dict[str, list[str]] | None = None) -> QueryPlan:
    """``synonyms`` maps every (normalised) member of a group to the whole group."""
    text = clean_query(text)
    normalised = segmentation.normalise(text)
    synonyms = synonyms or {}
    plan = QueryPlan(text=text)
    pieces = []
    cursor = 0
    for start, end, member in _synonym_spans(normalised, synonyms):
        pieces.append(("text", normalised[cursor:start]))
        pieces.append(("synonym", member))
        cursor = end
    pieces.append(("text", normalised[cursor:]))
    for kind, piece in pieces:
        if kind == "synonym":
            expr = any_of([phrase_expr(member) for member in synonyms[piece]])
            if expr:
                plan.terms.append(Term(piece, expr))
            continue
        for word in segmentation.words(piece):
            if word in PARTICLES:
                continue
            plan.terms.append(Term(word, word_expr(word), question=word in QUESTION_WORDS))
    # A query made only of question words keeps them: there is nothing else to search for.
    if plan.terms and all(term.question for term in plan.terms):
        plan.terms = [Term(t.text, t.expr) for t in plan.terms]
    return plan


def at_least(terms: list[Term], required: int):
    """Documents matching at least ``required`` of ``terms`` (an OR of ANDs)."""
    combos = [all_of([t.expr for t in combo]) for combo in itertools.combinations(terms, required)]
    return any_of(combos)
