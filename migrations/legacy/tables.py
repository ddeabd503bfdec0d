"""Legacy <table> → the value of Wagtail's TableBlock (text cells, merged cells kept)."""

from __future__ import annotations

from .extract import squash


def is_data_table(table) -> bool:
    """Data tables are kept; layout tables (nested tables, images, one column) are unwrapped."""
    if table.find(["table", "img"]) is not None:
        return False
    widths = [len(row.find_all(["td", "th"], recursive=False)) for row in _rows(table)]
    return bool(widths) and max(widths) >= 2


def _rows(table):
    rows = []
    for child in table.children:
        name = getattr(child, "name", None)
        if name == "tr":
            rows.append(child)
        elif name in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, 1)), 100))
    except (TypeError, ValueError):
        return 1


def table_value(table) -> dict:
    rows = _rows(table)
    grid: dict[tuple[int, int], str] = {}
    merges, hidden = [], []
    header_row = False
    for r, row in enumerate(rows):
        c = 0
        cells = row.find_all(["td", "th"], recursive=False)
        if r == 0:
            header_row = row.parent.name == "thead" or all(cell.name == "th" for cell in cells)
        for cell in cells:
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            grid[(r, c)] = squash(cell.get_text(" "))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        grid[(r + dr, c + dc)] = ""
                        hidden.append({"row": r + dr, "col": c + dc, "hidden": True})
            if rowspan > 1 or colspan > 1:
                merges.append({"row": r, "col": c, "rowspan": rowspan, "colspan": colspan})
            c += colspan
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    data = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
    caption = table.find("caption")
    return {
        "data": data,
        "first_row_is_table_header": header_row,
        "first_col_is_header": False,
        "table_header_choice": "row" if header_row else "neither",
        "table_caption": squash(caption.get_text(" ")) if caption else "",
        "cell": [h for h in hidden if h["row"] < height and h["col"] < width],
        "mergeCells": merges,
    }
