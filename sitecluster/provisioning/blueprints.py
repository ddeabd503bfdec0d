"""Blueprints are versioned TOML files in ``blueprints/``: one per kind of site."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

BLUEPRINT_DIR = Path(__file__).resolve().parent / "blueprints"
PAGE_TYPES = {"column", "institution_functions", "member_directory"}


class BlueprintError(ValueError):
    """A blueprint file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    slug: str
    column_type: str = "dynamic"
    page_type: str = "column"
    locked: bool = False
    intro: str = ""
    children: tuple[ColumnSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Blueprint:
    name: str
    title: str
    version: int
    columns: tuple[ColumnSpec, ...]

    def walk(self):
        stack = [(spec, ()) for spec in reversed(self.columns)]
        while stack:
            spec, parents = stack.pop()
            yield spec, parents
            stack.extend((child, (*parents, spec.slug)) for child in reversed(spec.children))


def _column(raw: dict, where: str) -> ColumnSpec:
    try:
        title, slug = raw["title"], raw["slug"]
    except KeyError as exc:
        raise BlueprintError(f"{where}: column is missing {exc.args[0]!r}") from exc
    page_type = raw.get("page_type", "column")
    if page_type not in PAGE_TYPES:
        raise BlueprintError(f"{where}/{slug}: unknown page_type {page_type!r}")
    return ColumnSpec(
        title=title,
        slug=slug,
        column_type=raw.get("column_type", "dynamic"),
        page_type=page_type,
        locked=bool(raw.get("locked", False)),
        intro=raw.get("intro", ""),
        children=tuple(_column(child, f"{where}/{slug}") for child in raw.get("children", [])),
    )


def load_blueprint(name: str, directory: Path = BLUEPRINT_DIR) -> Blueprint:
    path = directory / f"{name}.toml"
    if not path.exists():
        raise BlueprintError(f"No blueprint named {name!r} in {directory}")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BlueprintError(f"{path.name}: {exc}") from exc
    columns = tuple(_column(raw, path.name) for raw in data.get("columns", []))
    slugs = [spec.slug for spec in columns]
    if len(slugs) != len(set(slugs)):
        raise BlueprintError(f"{path.name}: duplicate top-level column slugs")
    return Blueprint(
        name=name,
        title=data.get("title", name),
        version=int(data.get("version", 1)),
        columns=columns,
    )
