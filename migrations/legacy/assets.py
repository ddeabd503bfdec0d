"""Images and attachments of a legacy site → Wagtail images and documents, each imported once.

An image is validated with Pillow before Wagtail sees it: only the formats the cluster allows,
no more pixels than ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (checked from the header, before any
decoding, so a decompression bomb never allocates its pixels), and it must decode. A file is
imported once per site: the legacy URL is recorded, and identical content (SHA-1, Wagtail's own
``file_hash``) at another URL reuses the existing image or document.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import warnings
from urllib.parse import unquote, urlsplit

from PIL import Image as PILImage

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .records import LegacyImportRecord, RecordKind
from .sources import FetchError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


class RejectedFile(Exception):
    """A file that is not imported; the message (Chinese) goes into the report."""


class FileLedger:
    """Files written to storage by one page's transaction, deleted again if it rolls back."""

    def __init__(self):
        self.files = []

    def add(self, field_file):
        self.files.append((field_file.storage, field_file.name))

    def discard(self):
        for storage, name in self.files:
            storage.delete(name)
        self.files = []

    def keep(self):
        self.files = []


def validate_image(data: bytes) -> tuple[str, int, int]:
    """(extension, width, height) of a valid image, else RejectedFile with the reason."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 64_000_000)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as probe:
                image_format, (width, height) = probe.format, probe.size
                if width * height > limit:
                    raise RejectedFile(
                        f"疑似解压炸弹：{width}×{height} 像素，超过上限 {limit} 像素"
                    )
                if image_format not in IMAGE_FORMATS:
                    raise RejectedFile(f"不支持的图片格式 {image_format}")
                probe.verify()
            with PILImage.open(io.BytesIO(data)) as full:
                full.load()
    except RejectedFile:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise RejectedFile(f"疑似解压炸弹：像素数超过上限 {limit}") from exc
    except Exception as exc:  # Pillow raises many types for broken or non-image data
        raise RejectedFile(f"不是有效的图片（{type(exc).__name__}）") from exc
    return IMAGE_FORMATS[image_format], width, height


_FILENAME_PARAM = re.compile(r"(?:^|&)(?:file_?name|fname|name)=([^&]+)", re.I)


def _filename(url: str, extension: str = "") -> str:
    parts = urlsplit(url)
    name = posixpath.basename(unquote(parts.path)) or "file"
    match = _FILENAME_PARAM.search(parts.query) if parts.query else None
    if match:
        name = posixpath.basename(unquote(match.group(1))) or name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if extension and ext.lower() not in (extension, "jpeg" if extension == "jpg" else extension):
        ext = extension
    return f"{stem[:80]}.{ext.lower()}" if ext else stem[:80]


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


class AssetImporter:
    def __init__(self, cluster_site, source):
        self.site = cluster_site
        self.source = source
        self.image_model = get_image_model()
        self.document_model = get_document_model()
        self.ledger = FileLedger()
        self.created = {"image": 0, "document": 0}
        self.reused = {"image": 0, "document": 0}

    def _record(self, url: str, kind: str):
        return (
            LegacyImportRecord.objects.filter(cluster_site=self.site, legacy_url=url, kind=kind)
            .select_related(kind)
            .first()
        )

    def _fetch(self, url: str, max_bytes: int) -> bytes:
        try:
            data = self.source.fetch(url, max_bytes)
        except FetchError as exc:
            raise RejectedFile(str(exc)) from exc
        if not data:
            raise RejectedFile("文件为空")
        return data

    def image(self, url: str, title: str = ""):
        """(Image, "reused"|"created") or RejectedFile; "tracking" pixels raise too."""
        record = self._record(url, RecordKind.IMAGE)
        if record is not None and record.image is not None:
            self.reused["image"] += 1
            return record.image, "reused"
        data = self._fetch(url, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 0))
        extension, width, height = validate_image(data)
        if width <= 2 and height <= 2:
            raise RejectedFile("tracking")
        digest = hashlib.sha1(data).hexdigest()
        image = self.image_model.objects.filter(
            collection=self.site.collection, file_hash=digest
        ).first()
        if image is None:
            filename = _filename(url, extension)
            image = self.image_model(
                title=(title or filename.rsplit(".", 1)[0])[:255],
                file=ImageFile(io.BytesIO(data), name=filename),
                collection=self.site.collection,
            )
            image._set_image_file_metadata()
            image.save()
            self.ledger.add(image.file)
            self.created["image"] += 1
            status = "created"
        else:
            self.reused["image"] += 1
            status = "reused"
        LegacyImportRecord.objects.create(
            cluster_site=self.site,
            legacy_url=url,
            kind=RecordKind.IMAGE,
            image=image,
            content_hash=digest,
        )
        return image, status

    def document(self, url: str, title: str = ""):
        """(Document, "reused"|"created") or RejectedFile."""
        record = self._record(url, RecordKind.DOCUMENT)
        if record is not None and record.document is not None:
            self.reused["document"] += 1
            return record.document, "reused"
        filename = _filename(url)
        extension = filename.rpartition(".")[2].lower() if "." in filename else ""
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
        if allowed and extension not in allowed:
            raise RejectedFile(f"不支持的附件类型 .{extension or '（无扩展名）'}")
        data = self._fetch(url, getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 0))
        if _looks_like_html(data):
            raise RejectedFile("附件内容是网页（旧网站可能返回了错误页）")
        digest = hashlib.sha1(data).hexdigest()
        document = self.document_model.objects.filter(
            collection=self.site.collection, file_hash=digest
        ).first()
        if document is None:
            document = self.document_model(
                title=(title or filename)[:255],
                file=ContentFile(data, name=filename),
                collection=self.site.collection,
            )
            document._set_document_file_metadata()
            document.save()
            self.ledger.add(document.file)
            self.created["document"] += 1
            status = "created"
        else:
            self.reused["document"] += 1
            status = "reused"
        LegacyImportRecord.objects.create(
            cluster_site=self.site,
            legacy_url=url,
            kind=RecordKind.DOCUMENT,
            document=document,
            content_hash=digest,
        )
        return document, status
