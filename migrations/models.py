"""Models of the import tooling; each importer keeps its records in its own subpackage."""

from .legacy.records import LegacyImportRecord

__all__ = ["LegacyImportRecord"]
