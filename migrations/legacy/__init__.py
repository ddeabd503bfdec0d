"""Import a legacy government website into a member site of the cluster.

    source (folder or HTTP) → decode (charset) → extract (meta tags, CSS selectors)
    → clean (nh3) → blocks, images, documents → ArticlePage + redirect + import record

Names are imported lazily: ``migrations.models`` loads ``records`` while Django populates its
app registry, before the Wagtail models this package's importer needs are ready.
"""

from importlib import import_module

_EXPORTS = {
    "LegacyImportRecord": ".records",
    "Mapping": ".mapping",
    "MappingError": ".mapping",
    "load_mapping": ".mapping",
    "builtin_mapping_path": ".mapping",
    "decode_html": ".encoding",
    "open_source": ".sources",
    "FolderSource": ".sources",
    "HttpSource": ".sources",
    "SourceError": ".sources",
    "extract_article": ".extract",
    "clean_body": ".cleaning",
    "ImportReport": ".report",
    "LegacyImporter": ".importer",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value
