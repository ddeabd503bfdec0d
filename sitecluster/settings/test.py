"""Tests: SQLite by default, PostgreSQL when DATABASE_URL is set; tasks run immediately."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}
}
# Each test process gets its own media folder (removed at the end of the session).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sitecluster-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The page store stays off: the suite builds different content on the same hostnames.
# tests/sitecluster/caching turns it on with a temporary directory of its own.
SITECLUSTER_PAGE_CACHE = {**SITECLUSTER_PAGE_CACHE, "ENABLED": False}  # noqa: F405
LOGGING["loggers"]["sitecluster"]["level"] = "WARNING"  # noqa: F405
# Single sign-on: a signing key of this test process.
OAUTH2_PROVIDER = provider_settings(  # noqa: F405
    key_fallback=Path(tempfile.mkdtemp(prefix="sitecluster-test-oidc-")) / "signing-key.pem"
)
