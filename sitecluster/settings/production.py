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

# gunicorn listens on loopback behind nginx, which replaces X-Forwarded-For with the client's
# address; this puts it into REMOTE_ADDR (rate limits, logs). See docs/deployment.md.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
    "sitecluster.health.proxy.ForwardedClientMiddleware",
)
# Addresses whose X-Forwarded-For is believed (nginx on this machine). REMOTE_ADDR is then the
# citizen's, so SITECLUSTER_TRUSTED_PROXIES (the login throttle's count of proxies that append to
# the header) stays at its default 0 behind this nginx.
SITECLUSTER_PROXY_ADDRESSES = ["127.0.0.1", "::1"]

# Single sign-on: the signing key from SITECLUSTER_OIDC_PRIVATE_KEY_FILE or no start at all;
# client redirect URIs only over https (docs/sso.md).
OAUTH2_PROVIDER = provider_settings(https_only=True)  # noqa: F405

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
