"""Bulk import of an existing 政府信息公开目录 (CSV or XLSX) into a site's 法定主动公开内容."""

from .importer import CatalogueImporter, ImportResult, RowResult
from .reader import CatalogueFileError, read_catalogue

__all__ = ["CatalogueFileError", "CatalogueImporter", "ImportResult", "RowResult", "read_catalogue"]
