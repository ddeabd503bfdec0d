"""The index generation: a number that changes on every write to the search index.

Answers derived from the index (the facet counts of a query) are cached under the current
generation, so any write — a row built, rebuilt or deleted, a site archived — makes every cached
answer unreachable at once. The number lives in the shared cache (Redis in production), so all
processes see the same one; if the cache loses it, a fresh random start value is chosen, which
again matches no earlier entry.

Writes bump the generation when they happen and once more when their transaction commits:
a reader that counted between the two (seeing the old rows) stored its answer under the
intermediate number, which the commit makes unreachable.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction

KEY = "search:index-generation"


def current() -> int:
    value = cache.get(KEY)
    if value is None:
        value = secrets.randbits(48)
        if not cache.add(KEY, value, timeout=None):
            value = cache.get(KEY, value)
    return value


def bump() -> None:
    """Call after any write to the index (inside or outside a transaction)."""
    _bump_now()
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (evicted, never read): start afresh
        cache.set(KEY, secrets.randbits(48), timeout=None)
