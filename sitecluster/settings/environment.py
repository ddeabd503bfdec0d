"""Every environment variable SiteCluster reads, declared once with its type and default.

Settings modules read variables only through :data:`ENV`; ``docs/env-vars.md`` and
``.env.example`` document the same list (a test keeps the three in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


class MissingSecretError(RuntimeError):
    """Raised when production settings start without a required secret."""


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


_PARSERS = {bool: _parse_bool, int: int, str: str, list: _parse_list}


@dataclass(frozen=True)
class Variable:
    name: str
    type: type
    default: Any
    doc: str
    secret: bool = False  # production refuses to start without it

    def read(self, environ=None) -> Any:
        environ = os.environ if environ is None else environ
        raw = environ.get(self.name)
        if raw is None or raw == "":
            return self.default
        try:
            return _PARSERS[self.type](raw)
        except ValueError as exc:
            raise ValueError(f"Environment variable {self.name}: {exc}") from exc


VARIABLES = [
    Variable("DJANGO_SECRET_KEY", str, "", "Django secret key. Required in production.", True),
    Variable(
        "DATABASE_URL",
        str,
        "",
        "Database URL (postgres://user@host:5432/name). Empty means the embedded SQLite "
        "database at var/db.sqlite3. Required in production.",
        True,
    ),
    Variable("REDIS_URL", str, "", "Redis URL for the shared cache. Required in production.", True),
    Variable(
        "DJANGO_ALLOWED_HOSTS",
        list,
        [],
        "Comma-separated host patterns (e.g. .hedong.gov.cn). Required in production.",
        True,
    ),
    Variable("DJANGO_DEBUG", bool, False, "Debug mode; only ever on in development."),
    Variable(
        "SITECLUSTER_VAR_DIR",
        str,
        "",
        "Directory for the SQLite database, media and collected static files (default ./var).",
    ),
    Variable(
        "SITECLUSTER_ADMIN_BASE_URL",
        str,
        "http://hedong.localhost:8000",
        "Base URL of the admin used in notification e-mails.",
    ),
    Variable(
        "SITECLUSTER_PUBLIC_PORT",
        int,
        None,
        "Port citizens use to reach every site; 443 means https. Default: 8000 in "
        "development, 80 in tests, 443 in production.",
    ),
    Variable(
        "SITECLUSTER_DEMO_DOMAIN",
        str,
        "localhost",
        "Domain suffix for the demo cluster's hostnames (hedong.<domain>, fgw.<domain>).",
    ),
    Variable(
        "ELASTICSEARCH_URL",
        str,
        "",
        "Elasticsearch server URL; empty means the embedded search engine.",
    ),
    Variable(
        "ELASTICSEARCH_INDEX",
        str,
        "sitecluster",
        "Name of the Elasticsearch alias citizen search uses (indices are <name>-<timestamp>).",
    ),
    Variable("DJANGO_LOG_LEVEL", str, "INFO", "Log level for SiteCluster's own loggers."),
    Variable(
        "SITECLUSTER_LOGIN_HOST",
        str,
        "",
        "Hostname of the cluster's single sign-on login host (the OpenID provider). "
        "Default login.<SITECLUSTER_DEMO_DOMAIN>.",
    ),
    Variable(
        "SITECLUSTER_OIDC_PRIVATE_KEY_FILE",
        str,
        "",
        "PEM file of the login host's RSA signing key for id tokens. Required in production; "
        "development and tests generate one.",
        True,
    ),
    Variable(
        "SITECLUSTER_OIDC_INACTIVE_KEY_FILES",
        list,
        [],
        "Comma-separated PEM files of retired signing keys still published in the JWKS "
        "(key rotation).",
    ),
    Variable(
        "SITECLUSTER_SSO_BACKCHANNEL_URL",
        str,
        "",
        "Internal base URL (http://127.0.0.1:8000) the sites use for token, userinfo and JWKS "
        "calls to the login host; empty means its public address. Development: loopback.",
    ),
    Variable(
        "SITECLUSTER_SSO_UPSTREAM_ISSUER",
        str,
        "",
        "Issuer URL of an upstream OpenID provider (province identity platform); when set the "
        "login host signs users in there instead of with local passwords.",
    ),
    Variable("SITECLUSTER_SSO_UPSTREAM_CLIENT_ID", str, "", "Client id at the upstream provider."),
    Variable(
        "SITECLUSTER_SSO_UPSTREAM_CLIENT_SECRET", str, "", "Client secret at the upstream provider."
    ),
    Variable(
        "SITECLUSTER_SSO_UPSTREAM_SCOPES",
        str,
        "openid profile email",
        "Scopes requested from the upstream provider.",
    ),
    Variable(
        "SITECLUSTER_PAGE_CACHE",
        bool,
        True,
        "Serve anonymous page views from the shared page store and purge it on every change "
        "(docs/caching.md). Off in tests.",
    ),
    Variable(
        "SITECLUSTER_PAGE_CACHE_DIR",
        str,
        "",
        "Directory of the page store that nginx serves (default <SITECLUSTER_VAR_DIR>/pagecache).",
    ),
    Variable(
        "SITECLUSTER_PAGE_CACHE_MAX_AGE",
        int,
        60,
        "Seconds a browser may reuse a public page before revalidating it (Cache-Control).",
    ),
    Variable(
        "SITECLUSTER_FRONTEND_CACHE_URLS",
        list,
        [],
        "Comma-separated HTTP purge endpoints of caches in front (Varnish, CDN); each gets "
        "PURGE for every changed URL on every hostname. Empty means none.",
    ),
    Variable(
        "SITECLUSTER_TRUSTED_PROXIES",
        int,
        0,
        "Number of reverse proxies in front of Django that append to X-Forwarded-For; the "
        "login throttle then reads the client address from it. 0 means REMOTE_ADDR.",
    ),
    Variable(
        "SITECLUSTER_BACKUP_DIR",
        str,
        "",
        "Directory for backup archives (default <SITECLUSTER_VAR_DIR>/backups).",
    ),
    Variable("SITECLUSTER_BACKUP_HOUR", int, 2, "Local hour (0-23) of the daily scheduled backup."),
    Variable("SITECLUSTER_BACKUP_KEEP_DAILY", int, 7, "Daily backups kept by retention."),
    Variable("SITECLUSTER_BACKUP_KEEP_WEEKLY", int, 8, "Weekly backups kept by retention."),
]

ENV = {variable.name: variable for variable in VARIABLES}


def env(name: str) -> Any:
    return ENV[name].read()


def require_secrets(environ=None) -> None:
    """Fail fast, naming every missing secret, before production serves anything."""
    environ = os.environ if environ is None else environ
    missing = [v.name for v in VARIABLES if v.secret and not environ.get(v.name)]
    if missing:
        raise MissingSecretError(
            "Production settings need these environment variables: " + ", ".join(missing)
        )
