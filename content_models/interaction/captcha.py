"""An offline CAPTCHA: characters drawn by Pillow, with an arithmetic question as the
accessible alternative (answered in words, for screen-reader users).

A challenge lives in the shared cache under a random nonce; the form carries the nonce signed
with ``SECRET_KEY``. Checking a challenge deletes it, right or wrong, so every challenge is
single-use and cannot be brute-forced. Answers arriving within ``MIN_SECONDS`` of the
challenge are refused (no person reads and types that fast).
"""

from __future__ import annotations

import io
import random
import secrets
import time
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from django.core import signing
from django.core.cache import cache

SALT = "interaction.captcha"
TTL_SECONDS = 30 * 60
MIN_SECONDS = 2
CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY34679"
DIGITS = "零一二三四五六七八九十"
_rng = random.SystemRandom()


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str  # the accessible alternative, e.g. "七加三等于几？"


def challenge_key(nonce: str) -> str:
    return f"interaction:captcha:{nonce}"


def new_challenge() -> Challenge:
    nonce = secrets.token_urlsafe(12)
    a, b = _rng.randint(1, 9), _rng.randint(1, 9)
    code = "".join(_rng.choice(CODE_ALPHABET) for _ in range(4))
    question = f"{DIGITS[a]}加{DIGITS[b]}等于几？"
    cache.set(
        challenge_key(nonce),
        {"code": code, "sum": str(a + b), "question": question, "issued": time.time()},
        TTL_SECONDS,
    )
    return Challenge(token=signing.dumps(nonce, salt=SALT), question=question)


def _nonce(token: str) -> str | None:
    try:
        return signing.loads(token or "", salt=SALT, max_age=TTL_SECONDS)
    except signing.BadSignature:
        return None


def verify(token: str, answer: str) -> str | None:
    """``None`` when right; otherwise the Chinese reason. The challenge is used up either way."""
    nonce = _nonce(token)
    if nonce is None:
        return "验证码已过期，请重新填写。"
    key = challenge_key(nonce)
    entry = cache.get(key)
    cache.delete(key)
    if entry is None:
        return "验证码已过期或已使用，请重新填写。"
    if time.time() - entry["issued"] < MIN_SECONDS:
        return "提交过快，请稍候再试。"
    answer = "".join((answer or "").split()).upper()
    if answer not in {entry["code"], entry["sum"]}:
        return "验证码不正确，请重新填写。"
    return None


def render_png(token: str) -> bytes | None:
    """The challenge's characters as a noisy PNG; ``None`` for an unknown or used challenge."""
    nonce = _nonce(token)
    entry = cache.get(challenge_key(nonce)) if nonce else None
    if entry is None:
        return None
    width, height = 132, 44
    image = Image.new("RGB", (width, height), (242, 245, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        draw.line(
            [(_rng.randint(0, width), _rng.randint(0, height)) for _ in range(2)],
            fill=(_rng.randint(120, 200),) * 3,
            width=1,
        )
    font = ImageFont.load_default(size=28)
    for index, char in enumerate(entry["code"]):
        x = 10 + index * 29 + _rng.randint(-3, 3)
        y = 4 + _rng.randint(-3, 4)
        draw.text((x, y), char, font=font, fill=(_rng.randint(0, 60), 40, _rng.randint(80, 140)))
    for _ in range(80):
        draw.point((_rng.randint(0, width - 1), _rng.randint(0, height - 1)), fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
