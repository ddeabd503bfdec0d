"""Legacy body HTML → the blocks of an ArticlePage body, safe and in Wagtail's own format.

1. ``sanitize`` (nh3): only structural tags survive; scripts, styles, iframes, objects and their
   content go, as do every attribute but href/src/alt/title/size/span, every ``on*`` handler and
   every URL that is not http(s)/mailto/tel (``javascript:``, ``data:``, ``vbscript:``).
2. ``BodyBuilder`` walks the clean tree: paragraphs, headings (h2–h4), lists, quotes and rules
   become rich text in Wagtail's database format (``<b>``, ``<i>``, ``<a linktype=...>``);
   images become image blocks, data tables table blocks, layout tables are unwrapped;
   tracking pixels are dropped. Links and images are resolved through a resolver (the importer),
   which imports files and knows which legacy URLs became which pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

import nh3
from bs4 import BeautifulSoup, NavigableString

from .tables import is_data_table, table_value

ALLOWED_TAGS = {
    "p", "br", "div", "center", "pre", "span", "font",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "b", "strong", "i", "em", "u", "sup", "sub",
    "ol", "ul", "li", "hr", "blockquote", "a", "img",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
}  # fmt: skip
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "form", "select", "textarea", "button", "video", "audio",
    "canvas", "map", "head", "title",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)

INLINE_RENAMES = {"strong": "b", "b": "b", "em": "i", "i": "i", "sup": "sup", "sub": "sub"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
CONTAINERS = {"p", "div", "center", "pre", "caption", "td", "th", "tr", "tbody", "thead", "tfoot"}
BLOCK_TAGS = {"p", "div", "center", "pre", "table", "ul", "ol", "blockquote", "hr", "img", "li"}
BLOCK_TAGS |= set(HEADINGS)
TRACKER = re.compile(
    r"(cnzz\.com|51\.la|hm\.baidu|google-analytics|googletagmanager|/stat[/.?]|counter|tongji"
    r"|beacon|pixel|1x1|spacer\.gif|blank\.gif|track(ing)?[/.?])",
    re.I,
)
_WS = re.compile(r"[ \t\r\n\f]+")
_EDGE = r"(?:\s|\u3000|\xa0|&nbsp;|<br/>)+"
_LEADING, _TRAILING = re.compile("^" + _EDGE), re.compile(_EDGE + "$")
_TAGS = re.compile(r"<[^>]+>")


def sanitize(html: str) -> str:
    return _CLEANER.clean(html)


@dataclass
class BodyStats:
    tracking_pixels: int = 0
    images_dropped: list[str] = field(default_factory=list)
    links: dict[str, int] = field(default_factory=dict)

    def count_link(self, kind: str):
        self.links[kind] = self.links.get(kind, 0) + 1


def _size(value) -> int | None:
    match = re.match(r"\s*(\d+)", str(value or ""))
    return int(match.group(1)) if match else None


def is_tracking_pixel(img) -> bool:
    width, height = _size(img.get("width")), _size(img.get("height"))
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        return True
    return bool(TRACKER.search(img.get("src", "")))


class BodyBuilder:
    def __init__(self, resolver):
        self.resolver = resolver
        self.blocks: list[tuple[str, object]] = []
        self.rich: list[str] = []
        self.inline: list[str] = []
        self.stats = BodyStats()

    # -- output ---------------------------------------------------------------------------
    def flush_inline(self, tag: str = "p"):
        html = _TRAILING.sub("", _LEADING.sub("", "".join(self.inline)))
        self.inline = []
        if _TAGS.sub("", html).replace("&nbsp;", "").strip(" \u3000\xa0"):
            self.rich.append(f"<{tag}>{html}</{tag}>")

    def flush_rich(self):
        self.flush_inline()
        if self.rich:
            self.blocks.append(("paragraph", "".join(self.rich)))
            self.rich = []

    def emit(self, block_type: str, value):
        self.flush_rich()
        self.blocks.append((block_type, value))

    # -- walking --------------------------------------------------------------------------
    def walk(self, node):
        for child in list(node.children):
            if isinstance(child, NavigableString):
                self.inline.append(escape(_WS.sub(" ", str(child)), quote=False))
                continue
            name = child.name
            heavy = child.find(["img", "table"]) is not None
            if name == "img":
                self.image(child)
            elif name == "table":
                if is_data_table(child):
                    self.emit("table", table_value(child))
                else:
                    self.flush_inline()
                    self.walk(child)
                    self.flush_inline()
            elif name in HEADINGS and not heavy:
                self.flush_inline()
                self.inline.append(self.render_children(child))
                self.flush_inline(HEADINGS[name])
            elif name in ("ul", "ol") and not heavy:
                self.flush_inline()
                self.list(child)
            elif name == "blockquote" and not heavy and child.find(BLOCK_TAGS) is None:
                self.flush_inline()
                self.inline.append(self.render_children(child))
                self.flush_inline("blockquote")
            elif name == "hr":
                self.flush_inline()
                self.rich.append("<hr/>")
            elif name in CONTAINERS or name in BLOCK_TAGS or name in HEADINGS:
                self.flush_inline()
                self.walk(child)
                self.flush_inline()
            elif heavy:  # <a><img></a>, <span><img></span>: keep the image, lose the wrapper
                self.walk(child)
            else:
                self.inline.append(self.render(child))

    def list(self, node):
        items = []
        for li in node.find_all("li", recursive=False):
            nested = li.find(["ul", "ol"])
            text = self.render_children(li, skip=("ul", "ol"))
            text = _TRAILING.sub("", _LEADING.sub("", text))
            if text:
                items.append(f"<li>{text}</li>")
            if nested is not None:  # Draftail lists are one level deep; nested items follow
                for inner in nested.find_all("li"):
                    inner_text = _LEADING.sub("", self.render_children(inner, skip=("ul", "ol")))
                    if inner_text:
                        items.append(f"<li>{inner_text}</li>")
        if items:
            self.rich.append(f"<{node.name}>{''.join(items)}</{node.name}>")

    def render_children(self, node, skip=()) -> str:
        parts = []
        for child in node.children:
            if isinstance(child, NavigableString):
                parts.append(escape(_WS.sub(" ", str(child)), quote=False))
            elif child.name not in skip:
                parts.append(self.render(child))
        return "".join(parts)

    def render(self, tag) -> str:
        """One inline element in Wagtail's rich text database format."""
        name = tag.name
        if name == "br":
            return "<br/>"
        inner = self.render_children(tag)
        if name in INLINE_RENAMES:
            out = INLINE_RENAMES[name]
            return f"<{out}>{inner}</{out}>" if inner.strip() else inner
        if name == "a":
            return self.link(tag, inner)
        if name in BLOCK_TAGS or name in HEADINGS:  # a block inside inline content: break line
            return f"{inner}<br/>"
        return inner  # span, font, u and anything unknown: keep the text only

    def link(self, tag, inner: str) -> str:
        href = (tag.get("href") or "").strip()
        if not inner.strip():
            return ""
        resolved = self.resolver.link(href) if href and not href.startswith("#") else None
        if resolved is None:
            self.stats.count_link("removed")
            return inner
        kind, target = resolved
        self.stats.count_link(kind)
        if kind in ("page", "document"):
            return f'<a linktype="{kind}" id="{target}">{inner}</a>'
        return f'<a href="{escape(target)}">{inner}</a>'

    def image(self, img):
        src = (img.get("src") or "").strip()
        if not src or is_tracking_pixel(img):
            self.stats.tracking_pixels += 1 if src else 0
            return
        alt = (img.get("alt") or "").strip()[:200]
        image, reason = self.resolver.image(src, alt)
        if image is None:
            if reason == "tracking":
                self.stats.tracking_pixels += 1
            else:
                self.stats.images_dropped.append(f"{src}: {reason}")
            return
        caption = (img.get("title") or "").strip()[:200]
        self.emit("image", {"image": image, "caption": caption, "alt_text": alt})


def clean_body(html: str, resolver) -> tuple[list[tuple[str, object]], BodyStats]:
    """(StreamField blocks, what was dropped or rewritten) for a legacy body fragment."""
    soup = BeautifulSoup(sanitize(html), "html.parser")
    builder = BodyBuilder(resolver)
    builder.walk(soup)
    builder.flush_rich()
    return builder.blocks, builder.stats
