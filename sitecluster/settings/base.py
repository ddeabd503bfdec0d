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
    "sitecluster.demo",
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
    "themes",
    "search",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Resolves the host to a cluster hostname: 301 for aliases, a Chinese 404 for unknown hosts.
    "sitecluster.tenancy.middleware.ClusterHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

# Background work (django-tasks); the worker is `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "SiteCluster 站群管理平台"
WAGTAILADMIN_BASE_URL = env("SITECLUSTER_ADMIN_BASE_URL")
WAGTAIL_I18N_ENABLED = False
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
WAGTAILFRONTENDCACHE = {}

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
