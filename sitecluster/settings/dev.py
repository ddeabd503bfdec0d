"""Development: the embedded SQLite database, DEBUG on, every *.localhost host allowed."""

from .base import *  # noqa: F403
from .environment import env

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or [".localhost", "localhost", "127.0.0.1", "[::1]"]  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SITECLUSTER_PUBLIC_PORT = env("SITECLUSTER_PUBLIC_PORT") or 8000
# Single sign-on: a development signing key under var/oidc/ (generated on first start); the
# sites reach the login host (login.localhost) on this machine's loopback address.
OAUTH2_PROVIDER = provider_settings(key_fallback=VAR_DIR / "oidc" / "signing-key.pem")  # noqa: F405
SITECLUSTER_SSO_BACKCHANNEL_URL = (
    env("SITECLUSTER_SSO_BACKCHANNEL_URL") or f"http://127.0.0.1:{SITECLUSTER_PUBLIC_PORT}"
)
