"""Chinese word segmentation shared by indexing and querying (jieba).

One tokenizer per process, loaded lazily: jieba's dictionary, the cluster's government terms
(``dictionary/government.txt``) and, at query and index time, the names of the cluster's sites
and the information office's synonyms. Index text is cut in search mode (a long word and its
in-dictionary sub-words), so a query for 委员会 finds 发展和改革委员会.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "government.txt"

# A token is a run of letters/digits (CJK included); everything else separates tokens.
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_extra_words: set[str] = set()


def normalise(text: str) -> str:
    """Full-width to half-width (Ｎ→N, ２→2), lower case; CJK characters are unchanged."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                instance = jieba.Tokenizer()
                instance.initialize()
                instance.load_userdict(str(DICTIONARY))
                _tokenizer = instance
    return _tokenizer


def add_words(words) -> None:
    """Teach the tokenizer words it must keep whole (site names, synonym terms)."""
    new = {word.strip() for word in words if word and len(word.strip()) > 1} - _extra_words
    if not new:
        return
    instance = tokenizer()
    for word in sorted(new):
        instance.add_word(normalise(word), freq=2000)
    _extra_words.update(new)


def _clean(pieces) -> list[str]:
    tokens = []
    for piece in pieces:
        tokens.extend(_WORD_RE.findall(piece))
    return tokens


def index_tokens(text: str) -> list[str]:
    """Search-mode tokens of ``text``: every word plus its dictionary sub-words.

    jieba's search mode adds only the two- and three-character sub-words of a long word. Once a
    site is called 优化营商环境 (a word the tokenizer then keeps whole), 营商环境 would no longer
    be indexed inside it and a citizen's query for 营商环境 would miss the page: longer
    dictionary sub-words are added too.
    """
    if not text:
        return []
    instance = tokenizer()
    known = instance.FREQ
    tokens = []
    for token in instance.cut_for_search(normalise(text), HMM=True):
        tokens.append(token)
        for size in range(4, len(token)):
            for start in range(len(token) - size + 1):
                gram = token[start : start + size]
                if known.get(gram):
                    tokens.append(gram)
    return _clean(tokens)


def index_text(text: str) -> str:
    """``text`` as the space-separated tokens the full-text engines store."""
    return " ".join(index_tokens(text))


def words(text: str) -> list[str]:
    """Default-mode words of a query, in order (no sub-words)."""
    if not text:
        return []
    return _clean(tokenizer().cut(normalise(text), HMM=True))


def sub_words(word: str) -> list[str]:
    """The search-mode pieces of one word other than the word itself (委员会 → 委员)."""
    return [token for token in index_tokens(word) if token != word]


_cluster_words_loaded_at = 0.0
CLUSTER_WORDS_TTL = 300  # seconds; other processes learn new site names and synonyms this fast


def load_cluster_words(force: bool = False) -> None:
    """Site names and synonym terms from the database (refreshed every few minutes)."""
    global _cluster_words_loaded_at
    import time

    now = time.monotonic()
    if (
        not force
        and _cluster_words_loaded_at
        and now - _cluster_words_loaded_at < CLUSTER_WORDS_TTL
    ):
        return
    from sitecluster.tenancy.models import ClusterSite

    from .models import Synonym

    found = []
    for name, short_name in ClusterSite.objects.values_list("name", "short_name"):
        found.extend([name, short_name])
    for synonym in Synonym.objects.all():
        found.extend(synonym.group)
    add_words(found)
    _cluster_words_loaded_at = now
