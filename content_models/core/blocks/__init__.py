"""Blocks shared by every page body; templates live in the theme as blocks/<block_snake>.html."""

from .body import (
    AttachmentBlock,
    AttachmentListBlock,
    BodyStreamBlock,
    CaptionedImageBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)

__all__ = [
    "AttachmentBlock",
    "AttachmentListBlock",
    "BodyStreamBlock",
    "CaptionedImageBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
]
