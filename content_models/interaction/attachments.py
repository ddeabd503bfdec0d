"""Citizen attachments: a few types, a size limit, content checked, kept out of public media.

Images are opened with Pillow, checked for size and re-encoded (which drops EXIF — GPS position
is personal data — and anything appended to the file); PDFs must start with ``%PDF-`` and carry
no JavaScript or launch actions. Files are stored outside ``MEDIA_ROOT`` so no web server can
serve them; staff download them through the admin.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
EXTENSIONS = {".jpg", ".jpeg", ".png", ".pdf"}
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA")


def private_root() -> Path:
    """``<MEDIA_ROOT>-private``: beside the public media folder, never under it."""
    media = Path(settings.MEDIA_ROOT)
    return media.with_name(media.name + "-private")


def private_storage():
    return FileSystemStorage(location=private_root(), base_url=None)


@dataclass
class CheckedFile:
    content: ContentFile
    original_name: str
    content_type: str
    size: int


def _display_name(upload) -> str:
    name = Path(upload.name or "附件").name
    return (
        "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"/\\|?*')[-120:] or "附件"
    )


def check_upload(upload) -> CheckedFile:
    """Validate one upload; raises ValidationError with a Chinese message."""
    name = _display_name(upload)
    extension = Path(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(f"附件“{name}”的类型不支持，只能上传 JPG、PNG 图片或 PDF 文件。")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"附件“{name}”超过 5 MB。")
    data = upload.read()
    if extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(f"附件“{name}”不是有效的 PDF 文件。")
        if any(marker in data for marker in PDF_ACTIVE):
            raise ValidationError(f"附件“{name}”含有脚本或嵌入内容，请另存为普通 PDF 后上传。")
        return CheckedFile(ContentFile(data, name=".pdf"), name, "application/pdf", len(data))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(f"附件“{name}”不是 JPG 或 PNG 图片。")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(f"附件“{name}”的图片尺寸过大。")
            image_format = image.format
            content_type, suffix = IMAGE_FORMATS[image_format]
            image.load()
            if image_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format=image_format)  # re-encoded: no EXIF, nothing appended
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(f"附件“{name}”无法识别为图片，请检查文件是否损坏。") from exc
    data = out.getvalue()
    return CheckedFile(ContentFile(data, name=suffix), name, content_type, len(data))


def check_uploads(uploads) -> list[CheckedFile]:
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"最多上传 {MAX_FILES} 个附件。")
    errors, checked = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
