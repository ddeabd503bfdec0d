"""The mapping file (YAML): how to read one legacy site and where its columns go.

See docs/legacy-migration.md for the format; ``mappings/`` holds the shipped templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import soupsieve
import yaml

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
FIELDS = ("title", "date", "source", "author", "column", "body", "attachments")
TOP_LEVEL_KEYS = {
    "name",
    "base_url",
    "hosts",
    "article_url_patterns",
    "encoding",
    "selectors",
    "remove",
    "strip_prefixes",
    "columns",
    "limits",
    "http",
}
ENCODINGS = {"auto", "utf-8", "gbk", "gb2312", "gb18030"}
DEFAULT_LIMITS = {"max_page_bytes": 2 * 1024 * 1024}
DEFAULT_HTTP = {
    "concurrency": 4,
    "delay": 0.25,
    "timeout": 20.0,
    "max_pages": 20_000,
    "user_agent": "SiteCluster-legacy-import/1.0 (government website consolidation)",
    "respect_robots": True,
}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message is Chinese, for the operator."""


@dataclass
class Mapping:
    name: str
    article_url_patterns: list[re.Pattern]
    selectors: dict[str, list[str]]
    base_url: str = ""
    hosts: list[str] = field(default_factory=list)
    encoding: str = "auto"
    remove: list[str] = field(default_factory=list)
    strip_prefixes: list[str] = field(default_factory=list)
    column_names: dict[str, str] = field(default_factory=dict)
    column_urls: list[tuple[re.Pattern, str]] = field(default_factory=list)
    default_column: str = ""
    limits: dict = field(default_factory=lambda: dict(DEFAULT_LIMITS))
    http: dict = field(default_factory=lambda: dict(DEFAULT_HTTP))
    path: Path | None = None

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(pattern.search(path) for pattern in self.article_url_patterns)

    def column_targets(self) -> set[str]:
        targets = set(self.column_names.values()) | {column for _, column in self.column_urls}
        if self.default_column:
            targets.add(self.default_column)
        return targets

    def map_column(self, legacy_name: str, url: str) -> tuple[str, str]:
        """(the member site's column slug path, matched by "name"/"url"/"default"/"")."""
        if legacy_name and legacy_name in self.column_names:
            return self.column_names[legacy_name], "name"
        path = urlsplit(url).path
        for pattern, column in self.column_urls:
            if pattern.search(path):
                return column, "url"
        return self.default_column, "default" if self.default_column else ""

    @property
    def legacy_hosts(self) -> set[str]:
        hosts = {h.lower() for h in self.hosts}
        if self.base_url:
            hosts.add(urlsplit(self.base_url).hostname or "")
        hosts.discard("")
        return hosts


def builtin_mapping_path(name: str) -> Path | None:
    """A shipped mapping ("trs", "hanweb") by name, or None."""
    path = MAPPINGS_DIR / f"{name}.yaml"
    return path if path.is_file() else None


def load_mapping(path: str | Path) -> Mapping:
    path = Path(path)
    if not path.is_file():
        builtin = builtin_mapping_path(str(path))
        if builtin is None:
            raise MappingError(f"映射文件不存在：{path}")
        path = builtin
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except UnicodeDecodeError as exc:
        raise MappingError(f"映射文件 {path} 不是 UTF-8 编码：{exc}") from exc
    except yaml.YAMLError as exc:
        raise MappingError(f"映射文件 {path} 不是有效的 YAML：{exc}") from exc
    mapping = parse_mapping(data, where=str(path))
    mapping.path = path
    return mapping


def parse_mapping(data, where: str = "映射文件") -> Mapping:
    if not isinstance(data, dict):
        raise MappingError(f"{where}：顶层必须是键值对（YAML 映射）。")
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise MappingError(f"{where}：未知的配置项 {', '.join(unknown)}。")
    patterns = _string_list(data.get("article_url_patterns"), "article_url_patterns", where)
    if not patterns:
        raise MappingError(f"{where}：article_url_patterns 至少需要一个正则表达式。")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise MappingError(f"{where}：正则表达式 {pattern!r} 无效：{exc}") from exc
    selectors = data.get("selectors") or {}
    if not isinstance(selectors, dict):
        raise MappingError(f"{where}：selectors 必须是键值对。")
    unknown = sorted(set(selectors) - set(FIELDS))
    if unknown:
        raise MappingError(f"{where}：selectors 中未知的字段 {', '.join(unknown)}。")
    parsed_selectors = {
        key: _selectors(selectors.get(key), f"selectors.{key}", where) for key in FIELDS
    }
    if not parsed_selectors["body"]:
        raise MappingError(f"{where}：必须设置 selectors.body（正文所在的元素）。")
    base_url = str(data.get("base_url") or "")
    if base_url and urlsplit(base_url).scheme not in ("http", "https"):
        raise MappingError(f"{where}：base_url 必须以 http:// 或 https:// 开头。")
    encoding = str(data.get("encoding") or "auto").lower()
    if encoding not in ENCODINGS:
        raise MappingError(f"{where}：encoding 只能是 {', '.join(sorted(ENCODINGS))}。")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict) or set(columns) - {"names", "urls", "default"}:
        raise MappingError(f"{where}：columns 只能包含 names、urls 和 default。")
    column_urls = []
    for pattern, column in _str_dict(columns.get("urls"), "columns.urls", where).items():
        try:
            column_urls.append((re.compile(pattern), column))
        except re.error as exc:
            raise MappingError(
                f"{where}：columns.urls 的正则表达式 {pattern!r} 无效：{exc}"
            ) from exc
    limits = {**DEFAULT_LIMITS, **_dict(data.get("limits"), "limits", where)}
    http = {**DEFAULT_HTTP, **_dict(data.get("http"), "http", where)}
    for key in set(limits) - set(DEFAULT_LIMITS):
        raise MappingError(f"{where}：limits 中未知的配置项 {key}。")
    for key in set(http) - set(DEFAULT_HTTP):
        raise MappingError(f"{where}：http 中未知的配置项 {key}。")
    try:
        http["concurrency"] = max(1, min(16, int(http["concurrency"])))
        http["delay"] = max(0.0, float(http["delay"]))
        http["timeout"] = float(http["timeout"])
        http["max_pages"] = int(http["max_pages"])
        limits["max_page_bytes"] = int(limits["max_page_bytes"])
    except (TypeError, ValueError) as exc:
        raise MappingError(f"{where}：limits 或 http 中的数值无效：{exc}") from exc
    return Mapping(
        name=str(data.get("name") or where),
        article_url_patterns=compiled,
        selectors=parsed_selectors,
        base_url=base_url,
        hosts=_string_list(data.get("hosts"), "hosts", where),
        encoding=encoding,
        remove=_selectors(data.get("remove"), "remove", where),
        strip_prefixes=_string_list(data.get("strip_prefixes"), "strip_prefixes", where),
        column_names=_str_dict(columns.get("names"), "columns.names", where),
        column_urls=column_urls,
        default_column=str(columns.get("default") or ""),
        limits=limits,
        http=http,
    )


def _string_list(value, key, where) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MappingError(f"{where}：{key} 必须是字符串或字符串列表。")
    return list(value)


def _selectors(value, key, where) -> list[str]:
    selectors = _string_list(value, key, where)
    for selector in selectors:
        try:
            soupsieve.compile(selector)
        except Exception as exc:  # soupsieve raises several error types
            raise MappingError(f"{where}：{key} 中的 CSS 选择器 {selector!r} 无效：{exc}") from exc
    return selectors


def _dict(value, key, where) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MappingError(f"{where}：{key} 必须是键值对。")
    return dict(value)


def _str_dict(value, key, where) -> dict[str, str]:
    value = _dict(value, key, where)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MappingError(f"{where}：{key} 的键和值都必须是字符串。")
    return value
