"""Turn the bytes of a legacy page into text: UTF-8, GBK or GB18030, declared or detected.

Chinese government sites of the 2000s–2010s mostly declare gb2312 and actually contain GBK
(or GB18030) characters, and some declare one charset and send another. So a declared charset
is only trusted when the bytes decode with it; GB2312 and GBK are decoded as GB18030, their
superset.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}
_SERVER_DEFAULTS = {"latin-1", "iso8859-1", "cp1252", "ascii"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalise_charset(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return normalise_charset(match.group(1).decode("ascii")) if match else None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*([A-Za-z0-9_\-\"']+)", content_type, re.I)
    return normalise_charset(match.group(1)) if match else None


def decode_html(
    data: bytes, content_type: str | None = None, forced: str = "auto"
) -> tuple[str, str]:
    """(text, encoding used). Never raises: the last resort replaces undecodable bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    # Valid UTF-8 with non-ASCII bytes is almost never GBK by accident, so it is tried before a
    # declaration (which is often a stale gb2312); the reverse does not hold (UTF-8 bytes often
    # decode as GB18030 garbage), so GB18030 is only tried once UTF-8 has failed.
    candidates = []
    if forced and forced != "auto":
        candidates.append(normalise_charset(forced))
    header = charset_from_content_type(content_type)
    if header in _SERVER_DEFAULTS:  # a web server's default, not the author's declaration
        header = None
    candidates += ["utf-8", header, declared_charset(data), "gb18030"]
    seen = set()
    for encoding in candidates:
        if not encoding or encoding in seen:
            continue
        seen.add(encoding)
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    encoding = normalise_charset(best.encoding) if best else None
    encoding = encoding or "gb18030"
    return data.decode(encoding, errors="replace"), encoding
