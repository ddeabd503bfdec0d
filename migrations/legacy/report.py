"""The report of one import run: counts, and every skipped or failed page with its reason."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

COUNT_LABELS = {
    "pages_seen": "读取的网页",
    "not_articles": "非文章页（未导入）",
    "articles": "文章页",
    "created": "新建文章",
    "published": "其中已发布",
    "drafts_undated": "其中无日期、存为草稿",
    "unchanged": "此前已导入（未改动）",
    "changed_at_source": "此前已导入、旧页面已变化（未更新）",
    "skipped": "跳过",
    "failed": "失败",
    "images_created": "新建图片",
    "images_reused": "复用图片",
    "images_rejected": "拒绝的图片",
    "documents_created": "新建附件",
    "documents_reused": "复用附件",
    "documents_rejected": "拒绝的附件",
    "tracking_pixels_removed": "移除的跟踪像素",
    "redirects_created": "新建跳转",
    "links_rewritten": "改写为新页面的站内链接",
    "links_pending": "指向未导入文章的站内链接",
}


@dataclass
class ImportReport:
    site: str
    source: str
    mapping: str
    dry_run: bool = False
    resume: bool = False
    interrupted: bool = False
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    undated: list[tuple[str, str]] = field(default_factory=list)
    rejected_files: list[tuple[str, str, str]] = field(default_factory=list)
    unmapped_columns: Counter = field(default_factory=Counter)
    redirect_conflicts: list[str] = field(default_factory=list)
    not_articles: list[str] = field(default_factory=list)
    encodings: Counter = field(default_factory=Counter)

    def skip(self, url: str, reason: str):
        self.counts["skipped"] += 1
        self.skipped.append((url, reason))

    def fail(self, url: str, reason: str):
        self.counts["failed"] += 1
        self.failed.append((url, reason))

    @property
    def pages_per_second(self) -> float:
        done = self.counts["created"] + self.counts["unchanged"] + self.counts["changed_at_source"]
        return done / self.seconds if self.seconds else 0.0

    def to_dict(self, stable: bool = False) -> dict:
        """Everything in the report; ``stable`` leaves out what differs between equal runs."""
        data = {
            "site": self.site,
            "mapping": self.mapping,
            "dry_run": self.dry_run,
            "counts": {key: self.counts.get(key, 0) for key in COUNT_LABELS},
            "skipped": [list(item) for item in sorted(self.skipped)],
            "failed": [list(item) for item in sorted(self.failed)],
            "undated": [list(item) for item in sorted(self.undated)],
            "rejected_files": [list(item) for item in sorted(self.rejected_files)],
            "unmapped_columns": dict(sorted(self.unmapped_columns.items())),
            "redirect_conflicts": sorted(self.redirect_conflicts),
            "encodings": dict(sorted(self.encodings.items())),
            "not_articles": sorted(self.not_articles),
        }
        if not stable:
            data.update(
                source=self.source,
                resume=self.resume,
                interrupted=self.interrupted,
                seconds=round(self.seconds, 2),
                pages_per_second=round(self.pages_per_second, 1),
            )
        return data

    def render_text(self) -> str:
        mode = "（试运行，未写入）" if self.dry_run else ""
        lines = [
            f"旧网站迁移报告 / legacy import report{mode}",
            f"站点 site: {self.site}",
            f"来源 source: {self.source}",
            f"映射 mapping: {self.mapping}",
        ]
        if self.interrupted:
            lines.append("本次运行被中断；使用 --resume 继续。 (interrupted: re-run with --resume)")
        lines.append(f"用时 {self.seconds:.1f} 秒，{self.pages_per_second:.1f} 页/秒")
        lines.append("")
        lines.append("统计 counts:")
        width = max(len(label) for label in COUNT_LABELS.values())
        for key, label in COUNT_LABELS.items():
            lines.append(f"  {label.ljust(width, '　')}  {self.counts.get(key, 0)}")
        if self.encodings:
            encodings = ", ".join(f"{k} {v}" for k, v in sorted(self.encodings.items()))
            lines.append(f"  编码 encodings: {encodings}")
        sections = [
            ("跳过的页面 skipped", [f"{u}  —  {r}" for u, r in sorted(self.skipped)]),
            ("失败的页面 failed", [f"{u}  —  {r}" for u, r in sorted(self.failed)]),
            (
                "无发布日期、已存为草稿（请补充日期后发布） undated drafts",
                [f"{u}  —  {t}" for u, t in sorted(self.undated)],
            ),
            (
                "未导入的图片和附件 rejected files",
                [f"{f}  —  {r}（页面 {p}）" for p, f, r in sorted(self.rejected_files)],
            ),
            (
                "未映射的旧栏目 unmapped columns",
                [
                    f"{name or '（无栏目名）'}  ×{n}"
                    for name, n in sorted(self.unmapped_columns.items())
                ],
            ),
            ("未建立的跳转 redirect conflicts", sorted(self.redirect_conflicts)),
        ]
        for title, items in sections:
            if items:
                lines += ["", f"{title}（{len(items)}）:"] + [f"  {item}" for item in items]
        return "\n".join(lines) + "\n"

    def save(self, path: str | Path) -> tuple[Path, Path]:
        """Write the text report to ``path`` and the full data beside it as JSON."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.render_text(), "utf-8")
        data_path = path.with_suffix(".json")
        data_path.write_text(
            json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        return path, data_path
