"""Find an article's parts in a legacy page: standard meta tags first, CSS selectors second.

国办秘函〔2019〕19号 asks every government page for ``ArticleTitle``, ``PubDate``,
``ContentSource`` and ``ColumnName`` meta tags; sites built after 2019 mostly have them, older
ones need the mapping file's selectors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import unescape

import nh3
from bs4 import BeautifulSoup

from django.utils import timezone

_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_SPACE = re.compile(r"[\s\u3000\xa0]+")
_LABELS = {
    "source": ("信息来源", "文章来源", "来源"),
    "author": ("作者", "撰稿", "编辑", "责任编辑"),
}
_TITLE_SUFFIX = re.compile(r"\s*[_|\-—–]\s*[^_|\-—–]*(政府|网站|门户|委员会|局|办公室)[^_|\-—–]*$")


@dataclass
class ExtractedArticle:
    url: str
    title: str = ""
    published: dt.datetime | None = None
    date_text: str = ""
    source: str = ""
    author: str = ""
    column: str = ""
    body_html: str = ""
    attachments: list[tuple[str, str]] = field(default_factory=list)
    found_by: dict[str, str] = field(default_factory=dict)


def squash(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def parse_date(text: str) -> dt.datetime | None:
    """The first plausible date (and time) in a legacy date string, in the site's time zone."""
    match = _DATE.search(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        value = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if not 1990 <= year <= timezone.now().year + 1:
        return None
    return timezone.make_aware(value)


def _labelled(text: str, labels: tuple[str, ...]) -> str:
    for label in labels:
        match = re.search(label + r"\s*[:：]\s*([^\s\u3000\xa0|]+)", text)
        if match:
            return match.group(1)
    # "发布日期：2020-01-15" holds no source: a labelled text without our label gives nothing.
    return "" if re.search(r"[:：]", text) else text


def _meta(soup, name: str) -> str:
    tag = soup.find("meta", attrs={"name": re.compile(f"^{name}$", re.I)})
    return squash(tag.get("content", "")) if tag else ""


def _select_text(soup, selectors: list[str]) -> tuple[str, str]:
    for selector in selectors:
        tag = soup.select_one(selector)
        if tag is not None:
            text = squash(tag.get_text(" "))
            if text:
                return text, selector
    return "", ""


def extract_article(html: str, url: str, mapping) -> ExtractedArticle:
    soup = BeautifulSoup(html, "html.parser")
    article = ExtractedArticle(url=url)
    sel = mapping.selectors

    def pick(field_name, meta_name):
        value = _meta(soup, meta_name) if meta_name else ""
        if value:
            article.found_by[field_name] = f"meta:{meta_name}"
            return value
        value, selector = _select_text(soup, sel[field_name])
        if value:
            article.found_by[field_name] = selector
        return value

    article.title = pick("title", "ArticleTitle")
    if not article.title and soup.title and soup.title.string:
        article.title = _TITLE_SUFFIX.sub("", squash(soup.title.string))
        article.found_by["title"] = "title"
    # A title is plain text: markup (and a <script> smuggled into a meta tag) is dropped.
    article.title = squash(unescape(nh3.clean(article.title, tags=set())))[:255]
    article.date_text = pick("date", "PubDate")
    article.published = parse_date(article.date_text)
    article.source = _strip(_labelled(pick("source", "ContentSource"), _LABELS["source"]), mapping)
    article.author = _strip(_labelled(pick("author", ""), _LABELS["author"]), mapping)
    article.column = pick("column", "ColumnName")
    for selector in sel["body"]:
        body = soup.select_one(selector)
        if body is not None:
            for remove in mapping.remove:
                for tag in body.select(remove):
                    tag.decompose()
            article.body_html = body.decode_contents()
            article.found_by["body"] = selector
            break
    for selector in sel["attachments"]:
        for box in soup.select(selector):
            for link in box.select("a[href]"):
                article.attachments.append((link["href"], squash(link.get_text(" "))))
    return article


def _strip(text: str, mapping) -> str:
    for prefix in mapping.strip_prefixes:
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return text[:100]
