"""Which search engine serves this installation.

``SITECLUSTER_SEARCH["ENGINE"]``: ``"database"`` (SQLite FTS5 or PostgreSQL, whichever database
is in use) or ``"elasticsearch"``; by default Elasticsearch when ``ELASTICSEARCH_URL`` is set.
The embedded index is kept up to date in every case, so search falls back to it (with a notice)
while Elasticsearch is unreachable.
"""

from __future__ import annotations

from django.conf import settings

from .base import (
    Engine,
    EngineUnavailable,
    FacetValue,
    Filters,
    Hit,
    SearchRequest,
    SearchResponse,
)
from .database import database_engine

__all__ = [
    "Engine",
    "EngineUnavailable",
    "FacetValue",
    "Filters",
    "Hit",
    "SearchRequest",
    "SearchResponse",
    "database_engine",
    "get_engine",
    "reset_engines",
    "search_settings",
]

_elastic_cache: dict = {}


def search_settings() -> dict:
    configured = getattr(settings, "SITECLUSTER_SEARCH", {}) or {}
    url = configured.get("ELASTICSEARCH_URL", "")
    return {
        "ENGINE": configured.get("ENGINE") or ("elasticsearch" if url else "database"),
        "ELASTICSEARCH_URL": url,
        "INDEX": configured.get("INDEX", "sitecluster"),
        "TRANSPORT_CLASS": configured.get("TRANSPORT_CLASS"),
        "TIMEOUT": configured.get("TIMEOUT", 3),
    }


def reset_engines() -> None:
    """Forget cached clients (after settings change, e.g. in tests)."""
    _elastic_cache.clear()


def get_engine() -> Engine:
    config = search_settings()
    if config["ENGINE"] != "elasticsearch":
        return database_engine()
    key = (config["ELASTICSEARCH_URL"], config["INDEX"], config["TRANSPORT_CLASS"])
    if key not in _elastic_cache:
        from .elastic import ElasticsearchEngine

        _elastic_cache.clear()
        _elastic_cache[key] = ElasticsearchEngine.from_settings(config)
    return _elastic_cache[key]
