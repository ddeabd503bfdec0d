"""Reading a catalogue file: CSV (UTF-8 or GB18030) or XLSX, one document per row.

Headers are the Chinese column names catalogues use (索引号, 标题, 发文字号, ...); common
variants map to the same field. Unknown columns are ignored and listed in the report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HEADERS = {
    "index_number": ("索引号",),
    "title": ("标题", "名称", "文件名称"),
    "summary": ("内容概述", "摘要", "内容摘要"),
    "organisation": ("发布机构", "发文机关", "发布单位"),
    "doc_number": ("发文字号", "文号"),
    "written_date": ("成文日期",),
    "publish_date": ("发布日期", "公开日期"),
    "topic": ("主题分类",),
    "doc_type": ("体裁分类", "文种"),
    "keywords": ("主题词", "关键词"),
    "validity": ("有效性", "效力状态"),
    "validity_changed_on": ("修订或废止日期", "废止日期", "失效日期"),
    "replaced_by": ("替代文件", "替代文件索引号"),
    "disclosure_mode": ("公开方式",),
    "disclosure_scope": ("公开范围",),
    "info_category": ("信息类别",),
    "legal_class": ("文件类别",),
    "body": ("正文",),
}
REQUIRED = ("title", "publish_date", "topic")
_LOOKUP = {alias: field for field, aliases in HEADERS.items() for alias in aliases}


class CatalogueFileError(ValueError):
    """The file as a whole cannot be read (message in Chinese)."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CatalogueFileError("无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的 CSV。")
    return list(csv.reader(io.StringIO(text)))


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise CatalogueFileError(f"无法读取 Excel 文件：{exc}") from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_catalogue(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """``([(row_number, {field: text}), ...], ignored_headers)``; row 1 is the header row."""
    path = Path(path)
    if not path.exists():
        raise CatalogueFileError(f"文件不存在：{path}")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _rows_from_csv(data)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _rows_from_xlsx(data)
    else:
        raise CatalogueFileError("只支持 CSV 或 XLSX 文件。")
    if not rows:
        raise CatalogueFileError("文件为空。")
    header = [_cell(name).replace("*", "").strip() for name in rows[0]]
    fields = [_LOOKUP.get(name) for name in header]
    missing = [HEADERS[name][0] for name in REQUIRED if name not in fields]
    if missing:
        raise CatalogueFileError(f"缺少必填列：{'、'.join(missing)}。")
    ignored = [name for name, field in zip(header, fields, strict=True) if name and not field]
    records = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_cell(value) for value in row]
        if not any(cells):
            continue
        record = {
            field: cells[i] if i < len(cells) else "" for i, field in enumerate(fields) if field
        }
        records.append((number, record))
    return records, ignored
