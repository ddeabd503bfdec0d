"""Settings shared by every environment; dev, test and production extend this file."""

from pathlib import Path

import dj_database_url
from multisite import SiteID

from .environment import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env("SITECLUSTER_VAR_DIR") or BASE_DIR / "var")

DEBUG = env("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")
SITECLUSTER_PUBLIC_PORT = env("SITECLUSTER_PUBLIC_PORT") or 80

INSTALLED_APPS = [
    # SiteCluster: project apps first so their templates and commands win.
    "sitecluster.tenancy",
    "sitecluster.provisioning",
    # Every site isolated from the others in the admin; site-scoped user management.
    "sitecluster.isolation",
    "sitecluster.accounts",
    # Single sign-on: the login host is the OpenID provider, every site host a client (docs/sso.md)
    "sitecluster.sso",
    "oauth2_provider",
    # Public pages from a shared on-disk store, purged precisely on change (docs/caching.md)
    "sitecluster.caching",
    # /healthz, worker heartbeat, 系统状态 panel, nginx config generation (docs/deployment.md)
    "sitecluster.health",
    "sitecluster.demo",
    # Backups with manifest and checksums, restore, the maintenance log (docs/backups.md)
    "sitecluster.backups",
    # 发布统计: published items, on-time columns, review times, annual report counts
    "sitecluster.statistics",
    # Scheduled publishing in the task worker (overrides db_worker to start its chain).
    "sitecluster.scheduling",
    "content_models.core",
    "content_models.organisations",
    "content_models.home",
    "content_models.columns",
    "content_models.articles",
    "content_models.disclosure",
    "content_models.disclosure_requests",
    "content_models.disclosure_reports",
    "content_models.links",
    "content_models.interaction",
    "content_models.sharing",
    # Review before publication: 保密审核 task, sensitive-word check.
    "content_models.review",
    "themes",
    "search",
    # RSS per column and site, sitemap.xml and robots.txt per host, Open Graph (docs/feeds.md)
    "sitecluster.feeds",
    # Legacy-content import tooling (the top-level migrations/ package; app label legacy_migrations)
    "migrations",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users with its user admin scoped to the acting site admin's sites.
    "sitecluster.accounts.apps.SiteUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Hostname aliases and canonical redirects (derived from ClusterSite; see tenancy.sync)
    "multisite",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz for load balancers: first, so no host routing, SSL redirect or page cache applies.
    "sitecluster.health.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (strict on public pages) and Permissions-Policy; see docs/security.md
    "sitecluster.accounts.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page views from the shared page store, before routing (docs/caching.md).
    "sitecluster.caching.middleware.PageCacheMiddleware",
    # Resolves the host to a cluster hostname: 301 for aliases, a Chinese 404 for unknown hosts;
    # the login host gets the provider's URLconf (sitecluster.sso, docs/sso.md).
    "sitecluster.sso.middleware.ClusterHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A password session that skipped a required TOTP step is logged out (docs/security.md).
    "sitecluster.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Per-request theme resolution (site theme → base theme), 长者模式, theme previews. Last, so
    # a preview response is marked before XFrameOptionsMiddleware looks at it.
    "themes.middleware.ThemeMiddleware",
]

ROOT_URLCONF = "sitecluster.urls"
WSGI_APPLICATION = "sitecluster.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The base theme; themes.loaders resolves site theme → its extends chain → this.
        "DIRS": [BASE_DIR / "themes" / "default" / "templates"],
        "OPTIONS": {
            "loaders": [
                (
                    "themes.loaders.CachedThemeLoader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password policy (docs/security.md): admin user forms and citizen registration.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "sitecluster.accounts.password_policy.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "sitecluster.accounts.password_policy.CharacterClassesValidator"},
]
# Passwords go through the throttled backend: lockout per account and per address.
AUTHENTICATION_BACKENDS = ["sitecluster.accounts.backends.ThrottledModelBackend"]
SITECLUSTER_LOGIN_THROTTLE = {
    "ACCOUNT_FAILURES": 5,  # failures of one username within the window lock it
    "ADDRESS_FAILURES": 20,  # failures from one client address within the window lock it
    "WINDOW_SECONDS": 15 * 60,
    "LOCKOUT_SECONDS": 15 * 60,
}
# Reverse proxies in front of Django that append to X-Forwarded-For (0: use REMOTE_ADDR).
SITECLUSTER_TRUSTED_PROXIES = env("SITECLUSTER_TRUSTED_PROXIES")
WAGTAILADMIN_USER_LOGIN_FORM = "sitecluster.accounts.auth_forms.AdminLoginForm"
# The admin calls no third party (the CSP forbids it, and intranets cannot reach it anyway):
# no Gravatar avatars, no Wagtail release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Single sign-on (docs/sso.md): site hosts sign in at the login host, whose own sign-in is the
# password form above (accounts:login) or the upstream provider.
from .sso import *  # noqa: E402, F403
from .sso import SSO_AUTHENTICATION_BACKENDS, SSO_LOGIN_URL, provider_settings  # noqa: E402

AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, *SSO_AUTHENTICATION_BACKENDS]
LOGIN_URL = SSO_LOGIN_URL
WAGTAILADMIN_LOGIN_URL = SSO_LOGIN_URL
# The signing key: from SITECLUSTER_OIDC_PRIVATE_KEY_FILE; dev and test generate one when it is
# not set, production refuses to start without it.
OAUTH2_PROVIDER = provider_settings(required=False)

# Simplified Chinese everywhere: public pages and the admin.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "sitecluster" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STATICFILES_DIRS = []
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # <theme>/static/ of every discovered theme
    "themes.finders.ThemeStaticFinder",
]
# Folders whose <name>/theme.toml subfolders are themes (found at startup, see themes.registry).
SITECLUSTER_THEME_DIRS = [BASE_DIR / "themes"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sitecluster_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# django.contrib.sites / django-multisite2: the current Site is set per request.
SITE_ID = SiteID(default=1)
# multisite replaces the integer SITE_ID with a per-request value by design.
SILENCED_SYSTEM_CHECKS = ["sites.E101"]
MULTISITE_FALLBACK = "sitecluster.tenancy.views.unknown_host"
MULTISITE_REGISTER_POST_MIGRATE_SYNC_ALIAS = True

# Backups (sitecluster.backups, docs/backups.md): archives, the worker's daily run, retention.
SITECLUSTER_BACKUPS = {
    "DIR": Path(env("SITECLUSTER_BACKUP_DIR") or VAR_DIR / "backups"),
    "HOUR": env("SITECLUSTER_BACKUP_HOUR"),
    "KEEP_DAILY": env("SITECLUSTER_BACKUP_KEEP_DAILY"),
    "KEEP_WEEKLY": env("SITECLUSTER_BACKUP_KEEP_WEEKLY"),
}

# Background work (django-tasks); the worker is `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "SiteCluster 站群管理平台"
WAGTAILADMIN_BASE_URL = env("SITECLUSTER_ADMIN_BASE_URL")
WAGTAIL_I18N_ENABLED = False
# A finished review publishes with the approving reviewer as the user, although 审核员 hold no
# publish permission of their own (they publish only through the workflow): docs/review.md.
WAGTAIL_FINISH_WORKFLOW_ACTION = "content_models.review.publishing.publish_approved"
# Wagtail's database backend with jieba segmentation, so the admin finds Chinese words too.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.wagtail_database"}}
# Citizen search (the search app): the embedded engine, or Elasticsearch when a URL is set.
SITECLUSTER_SEARCH = {
    "ELASTICSEARCH_URL": env("ELASTICSEARCH_URL"),
    "INDEX": env("ELASTICSEARCH_INDEX"),
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "odt",
    "pdf",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "zip",
    "ofd",
    "wps",
    "et",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "avif": "webp"}
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "h4",
                "bold",
                "italic",
                "ol",
                "ul",
                "hr",
                "link",
                "document-link",
                "image",
                "superscript",
                "subscript",
                "blockquote",
            ]
        },
    }
}
WAGTAILREDIRECTS_AUTO_CREATE = True
# A CDN or HTTP cache in front (Varnish, …) is purged with the same URLs as the page store,
# for every hostname and portal path (docs/caching.md).
WAGTAILFRONTENDCACHE = {
    f"http{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env("SITECLUSTER_FRONTEND_CACHE_URLS"), start=1)
}
# The page store (sitecluster.caching): rendered public pages as files, served by nginx in
# production and by PageCacheMiddleware otherwise.
SITECLUSTER_PAGE_CACHE = {
    "ENABLED": env("SITECLUSTER_PAGE_CACHE"),
    "DIR": Path(env("SITECLUSTER_PAGE_CACHE_DIR") or VAR_DIR / "pagecache"),
    "MAX_AGE": env("SITECLUSTER_PAGE_CACHE_MAX_AGE"),
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "sitecluster": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL")},
        "content_models": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL")},
    },
}
