"""A separately configured OpenID provider standing in for a province's identity platform.

Run by ``serve.py`` as its own process with its own SQLite file and signing key; it shares
nothing with SiteCluster but django-oauth-toolkit.
"""

import os
from pathlib import Path

from sitecluster.sso.keys import ensure_generated_pem

WORK_DIR = Path(os.environ["UPSTREAM_WORK_DIR"])

SECRET_KEY = "upstream-test-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.sitecluster.sso.upstream.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": WORK_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LOGIN_URL = "/login/"
SESSION_COOKIE_NAME = "upstream_session"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "PKCE_REQUIRED": True,
    "OIDC_RSA_PRIVATE_KEY": ensure_generated_pem(WORK_DIR / "signing-key.pem"),
    "OAUTH2_VALIDATOR_CLASS": "tests.sitecluster.sso.upstream.validator.UpstreamValidator",
    "SCOPES": {"openid": "OpenID", "profile": "Profile", "email": "E-mail"},
}
