from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link",
    "superscript", "subscript", "blockquote",
]  # fmt: skip

TABLE_OPTIONS = {
    "minSpareRows": 0,
    "startRows": 3,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": [
        "row_above", "row_below", "---------", "col_left", "col_right", "---------",
        "remove_row", "remove_col", "---------", "undo", "redo",
    ],
    "editor": "text",
    "stretchH": "all",
    "renderer": "text",
    "autoColumnSize": False,
    "language": "zh-CN",
}  # fmt: skip


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "正文段落"
        template = "blocks/paragraph_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)
    alt_text = blocks.CharBlock(
        label="替代文本",
        required=False,
        max_length=200,
        help_text="供读屏软件朗读；留空则使用图片说明",
    )

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/captioned_image_block.html"


class TableBlock(WagtailTableBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", TABLE_OPTIONS)
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = "表格"
        template = "blocks/table_block.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = "附件"


class AttachmentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", required=False, default="附件", max_length=60)
    attachments = blocks.ListBlock(AttachmentBlock(), label="附件", min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = "附件列表"
        template = "blocks/attachment_list_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "blocks/quote_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    table = TableBlock()
    attachments = AttachmentListBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {}
