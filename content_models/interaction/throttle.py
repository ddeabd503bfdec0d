"""Rate limits per client address and per contact, counted in the shared Django cache.

Fixed windows: the counter for ``(scope, key, window)`` expires with its window. Keys are
hashed so no phone number or address appears in cache keys. Behind a reverse proxy the proxy
must pass the client's address as ``REMOTE_ADDR`` (e.g. nginx ``real_ip``), or every citizen
shares one budget.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int
    message: str


LETTER_PER_ADDRESS = Limit("letter-ip", 5, 3600, "同一网络提交过于频繁，请一小时后再试。")
LETTER_PER_CONTACT = Limit("letter-contact", 3, 86400, "同一联系方式今日来信已达上限，请明日再试。")
COMMENT_PER_ADDRESS = Limit("comment-ip", 10, 3600, "提交过于频繁，请一小时后再试。")
COMMENT_PER_CONTACT = Limit("comment-contact", 5, 86400, "同一联系方式今日提交意见已达上限。")
TRACK_PER_ADDRESS = Limit("track-ip", 20, 3600, "查询过于频繁，请一小时后再试。")


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(limit: Limit, key: str) -> str:
    window = int(time.time() // limit.seconds)
    digest = hashlib.sha256(f"{limit.scope}:{key}".encode()).hexdigest()[:32]
    return f"interaction:rate:{limit.scope}:{digest}:{window}"


def exceeded(limit: Limit, key: str) -> bool:
    """Would one more attempt exceed the limit? (Does not count.)"""
    return (cache.get(_key(limit, key)) or 0) >= limit.count


def hit(limit: Limit, key: str) -> bool:
    """Count one attempt; ``False`` when it is over the limit."""
    cache_key = _key(limit, key)
    cache.add(cache_key, 0, limit.seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, limit.seconds)
        count = 1
    return count <= limit.count
