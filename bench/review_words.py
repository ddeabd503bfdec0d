"""Sensitive-word matching: the trie regex against a plain alternation and a per-word loop.

    .venv/bin/python -m bench.review_words [--words 3000] [--chars 100000]

Needs no database: it times ``content_models.review.matching`` alone on a synthetic list of
words (Chinese, 2–6 characters) and a long page of real-looking government text, and prints
compile time and milliseconds per check for each method, with the load average.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitecluster.settings.test")
django.setup()

from content_models.review.matching import compile_words, find_all  # noqa: E402

SENTENCE = "为深入贯彻落实区委区政府关于政务公开工作的决策部署，进一步提升政府网站信息发布质量，"
ALPHABET = "政府网站信息公开发布审核保密国家秘密个人隐私内容适宜表述准确部门街道工作通知公告"


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--chars", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(7)
    words = sorted({"".join(rng.choices(ALPHABET, k=rng.randint(2, 6))) for _ in range(args.words)})
    text = (SENTENCE * (args.chars // len(SENTENCE) + 1))[: args.chars]

    started = time.perf_counter()
    trie = compile_words(words)
    trie_compile = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    alternation = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    alt_compile = (time.perf_counter() - started) * 1000

    hits = len(find_all(trie, text))
    trie_ms = best_of(5, lambda: find_all(trie, text))
    alt_ms = best_of(3, lambda: list(alternation.finditer(text)))
    loop_ms = best_of(3, lambda: [text.find(w) for w in words])

    print(f"words {len(words)}, text {len(text)} chars, hits {hits}")
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"{'method':<28}{'compile ms':>12}{'check ms':>12}")
    print(f"{'trie regex (ours)':<28}{trie_compile:>12.1f}{trie_ms:>12.1f}")
    print(f"{'plain alternation':<28}{alt_compile:>12.1f}{alt_ms:>12.1f}")
    print(f"{'str.find per word (1st hit)':<28}{'-':>12}{loop_ms:>12.1f}")


if __name__ == "__main__":
    main()
