"""The official holiday notices shipped as data (``data/holidays.json``)."""

from __future__ import annotations

import json
from pathlib import Path

HOLIDAY_FILE = Path(__file__).resolve().parent / "data" / "holidays.json"


def official_days(path: Path = HOLIDAY_FILE) -> list[dict]:
    data = json.loads(Path(path).read_text("utf-8"))
    note = "国务院办公厅节假日安排通知"
    return [{**row, "note": row.get("note", note)} for row in data["days"]]


def load_calendar(model, path: Path = HOLIDAY_FILE) -> tuple[int, int]:
    """Create or update every listed day; returns (created, updated)."""
    created = updated = 0
    for row in official_days(path):
        _, was_created = model.objects.update_or_create(
            date=row["date"],
            defaults={"kind": row["kind"], "name": row["name"], "note": row["note"]},
        )
        created += was_created
        updated += not was_created
    return created, updated
