"""Production: PostgreSQL, Redis, secure cookies. Refuses to start without its secrets."""

from .base import *  # noqa: F403
from .environment import env, require_secrets

require_secrets()

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": "sitecluster",
    }
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SITECLUSTER_PUBLIC_PORT = env("SITECLUSTER_PUBLIC_PORT") or 443

SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,  # noqa: F405
    # Wagtail's live preview frames the page on the same origin, so SAMEORIGIN, not DENY.
    "security.W019",
    # HSTS preload is a commitment the information office makes per domain, not a default.
    "security.W021",
]
