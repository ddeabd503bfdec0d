"""Resolves the links and images of one legacy page while its body is being built."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

from .assets import RejectedFile
from .sources import normalise_url

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "bmp"}
_FILENAME_PARAM = re.compile(r"(?:^|&)(?:file_?name|fname|name)=([^&]+)", re.I)


def file_extension(url: str) -> str:
    """A linked file's extension, also behind download scripts (downfile.jsp?filename=a.pdf)."""
    parts = urlsplit(url)
    extension = posixpath.splitext(parts.path)[1].lstrip(".").lower()
    if extension in ("", "jsp", "php", "asp", "aspx", "do", "action") and parts.query:
        match = _FILENAME_PARAM.search(parts.query)
        if match:
            return posixpath.splitext(unquote(match.group(1)))[1].lstrip(".").lower()
    return extension


class PageResolver:
    def __init__(self, importer, page_url: str):
        self.importer = importer
        self.page_url = page_url
        self.pending: set[str] = set()
        self.linked_documents: set[str] = set()

    def absolute(self, href: str) -> str:
        return normalise_url(urljoin(self.page_url, href))

    def is_internal(self, url: str) -> bool:
        return (urlsplit(url).hostname or "") in self.importer.legacy_hosts

    def reject(self, url: str, reason: str):
        self.importer.report.rejected_files.append((self.page_url, url, reason))

    def link(self, href: str):
        scheme = urlsplit(href).scheme.lower()
        if scheme in ("mailto", "tel"):
            return ("external", href)
        url = self.absolute(href)
        if not self.is_internal(url):
            return ("external", url)
        path = urlsplit(url).path
        extension = file_extension(url)
        if extension in IMAGE_EXTENSIONS:
            return None  # a bare link to a picture on the old site: keep the text only
        if extension and extension in settings.WAGTAILDOCS_EXTENSIONS:
            document = self.document(url, "")
            return ("document", document.pk) if document else None
        importer = self.importer
        if importer.mapping.is_article_url(url):
            page_id = importer.imported_pages.get(url)
            if page_id:
                return ("page", page_id)
            self.pending.add(url)
            return ("pending", url)
        if path in ("", "/", "/index.html", "/index.htm", "/index.shtml"):
            return ("page", importer.cluster_site.root_page_id)
        return ("external", url)

    def document(self, url: str, title: str):
        try:
            document, _status = self.importer.assets.document(url, title)
        except RejectedFile as exc:
            self.importer.report.counts["documents_rejected"] += 1
            self.reject(url, str(exc))
            return None
        self.linked_documents.add(url)
        return document

    def image(self, src: str, alt: str):
        url = self.absolute(src)
        if not self.is_internal(url):
            self.importer.report.counts["images_rejected"] += 1
            self.reject(url, "外部网站的图片，未导入")
            return None, "external"
        try:
            image, _status = self.importer.assets.image(url, alt)
        except RejectedFile as exc:
            reason = str(exc)
            if reason != "tracking":
                self.importer.report.counts["images_rejected"] += 1
                self.reject(url, reason)
            return None, reason
        return image, ""
