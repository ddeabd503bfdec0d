"""Turning the shared Chinese government texts into article pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
NEWS_FILE = "news-xwlb-sample-2000.jsonl"
POLICY_FILE = "policies-ncp-599.jsonl"
_CN_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")
_PARAGRAPH_BREAK = re.compile(r"(?<=[。！？；：])\s+")
_NOTICE_WORDS = ("通知", "公告", "通告", "公示", "意见")


class DemoDataError(RuntimeError):
    """The demo data files are missing or unreadable."""


@dataclass(frozen=True)
class DemoItem:
    key: str
    title: str
    paragraphs: tuple[str, ...]
    publish_at: dt.datetime
    source: str
    tags: tuple[str, ...]
    kind: str  # news / notice / policy

    def bucket(self, modulo: int) -> int:
        """A stable pseudo-random number for spreading items over sites."""
        return (
            int(hashlib.md5(self.key.encode(), usedforsecurity=False).hexdigest()[:8], 16) % modulo
        )


def _read_jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        raise DemoDataError(
            f"Demo data file not found: {path}（未找到演示数据文件，请确认 shared/data 目录存在，"
            "或用 --data-dir 指定）"
        )
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise DemoDataError(f"{path.name} line {number}: invalid JSON ({exc})") from exc


def paragraphs_from_text(text: str) -> tuple[str, ...]:
    parts = []
    for line in (text or "").replace("\r", "").split("\n"):
        parts.extend(p.strip() for p in _PARAGRAPH_BREAK.split(line.strip()))
    return tuple(p for p in parts if p)


def rich_text(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def read_news(data_dir: Path, limit: int) -> list[DemoItem]:
    rows = [
        row for row in _read_jsonl(data_dir / NEWS_FILE) if row.get("title") and row.get("date")
    ]
    rows.sort(key=lambda row: (row["date"], row["id"]), reverse=True)
    items = []
    for row in rows[:limit]:
        title = row["title"].strip()
        publish_at = dt.datetime.fromisoformat(row["date"]).replace(tzinfo=TZ)
        tags = tuple(t for t in (row.get("category") or "").split(",") if t)
        kind = "notice" if any(word in title for word in _NOTICE_WORDS) else "news"
        items.append(
            DemoItem(
                key=f"xwlb:{row['id']}",
                title=title[:250],
                paragraphs=paragraphs_from_text(row.get("body", "")),
                publish_at=publish_at,
                source=row.get("source") or "央视网",
                tags=tags,
                kind=kind,
            )
        )
    return items


def _policy_date(row: dict) -> dt.datetime:
    match = _CN_DATE.search(row.get("body", ""))
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.datetime(year, month, day, 9, 0, tzinfo=TZ)
        except ValueError:
            pass
    # No date in the text: a stable date inside the 2020 epidemic-response period.
    offset = int(hashlib.md5(row["id"].encode(), usedforsecurity=False).hexdigest()[:6], 16) % 90
    return dt.datetime(2020, 1, 20, 10, 0, tzinfo=TZ) + dt.timedelta(days=offset)


def read_policies(data_dir: Path, limit: int) -> list[DemoItem]:
    items = []
    for row in _read_jsonl(data_dir / POLICY_FILE):
        if not row.get("title") or not row.get("body"):
            continue
        items.append(
            DemoItem(
                key=f"ncp:{row['id']}",
                title=row["title"].strip()[:250],
                paragraphs=paragraphs_from_text(row["body"]),
                publish_at=_policy_date(row),
                source="公开政策文件汇编",
                tags=(row.get("category") or "政策文件",),
                kind="policy",
            )
        )
        if len(items) >= limit:
            break
    return items
