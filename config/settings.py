"""The one settings module. Every deployment-specific value comes from the environment (12-factor).

Variables (see README, "Configuration"):
  DEBUG, SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, DATABASE_URL, SITE_URL, ARCHIVE_NAME,
  MEDIA_ROOT, STATIC_ROOT, ARCHIVE_REQUIRE_FOUR_EYES, ARCHIVE_MAX_TEXT_CHARS, EMAIL_* …
"""

import datetime as dt
import gc
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY, management commands and tests fall back to a development key; the WSGI entry
# point (gunicorn) refuses to serve with it unless DEBUG is on, and `check --deploy` flags it.
INSECURE_DEVELOPMENT_KEY = "django-insecure-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or INSECURE_DEVELOPMENT_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "archive",
    "curation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "config.middleware.RejectNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it sees the exceptions of views only; config.middleware.server_error catches the rest.
    "axes.middleware.AxesMiddleware",
    "config.middleware.FriendlyErrorsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "archive.context_processors.archive",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite under var/ is the embedded default; production and CI use PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo server and a management command share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the archive's queries are short, and PostgreSQL's row estimates for JSON
    # arrays (a search's snippets) push them over jit_above_cost, which then spends 15 ms compiling
    # for a query that runs in 10.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = f"{database_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "archive@localhost")

# Production hardening; `manage.py check --deploy` is clean when DEBUG is off and SECRET_KEY is set.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers and container probes ask for /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): no inline script or style anywhere on the site; pages that
# need more (the API's Swagger UI and Redoc) widen it for themselves in config/urls.py. Uploaded files
# get a sandboxing policy of their own (config/media.py). PDFs are embedded with <object>.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'self'"],
        "frame-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# How many reverse proxies stand in front of gunicorn and write X-Forwarded-For (0: none, the client
# is REMOTE_ADDR). Rate limits and login lockouts count per client address (config.middleware.client_ip).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused for AXES_COOLOFF_TIME. Attempts are counted in the database, so the
# count holds across every gunicorn worker and restart. `manage.py axes_reset` lifts a lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "config.middleware.login_locked_out"
AXES_VERBOSE = False

# Search pages cost a full-text query each: a per-address limit on top of the API's throttles.
SEARCH_RATE_LIMIT = os.environ.get("SEARCH_RATE_LIMIT", "60/minute")

# Rate-limit counters live in the cache. The default is per process; CACHE_DIR puts them in files that
# every gunicorn worker on the host shares (the docker compose stack does this).
if os.environ.get("CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["CACHE_DIR"],
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every font and stylesheet it loads at INFO; only its problems matter here.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "weasyprint.progress", "fontTools")},
}

# --- The archive's own settings -------------------------------------------------------------------

# The archive's name as printed in citations ("History and Public Policy Program Digital Archive").
ARCHIVE_NAME = os.environ.get("ARCHIVE_NAME", "Digital Archive of Declassified Documents")
# Canonical base URL for citations, feeds and exports (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Four-eyes rule: an approver may not approve their own revision. One-person archives set this to 0.
ARCHIVE_REQUIRE_FOUR_EYES = env_bool("ARCHIVE_REQUIRE_FOUR_EYES", True)
# Largest accepted body of one text or footnote, in characters (a long memorandum is ~200,000).
ARCHIVE_MAX_TEXT_CHARS = int(os.environ.get("ARCHIVE_MAX_TEXT_CHARS", "500000"))
# Largest accepted attachment upload, in bytes.
ARCHIVE_MAX_UPLOAD_BYTES = int(os.environ.get("ARCHIVE_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

# --- The APIs (Django REST framework) ----------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # JSON with NUL characters, unpaired surrogates or absurd nesting is refused with 400 (config.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "archive.api.problems.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Per client; generous for scripts, and tunable per deployment.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("API_THROTTLE_USER", "600/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": f"{ARCHIVE_NAME} API",
    "DESCRIPTION": (
        "The public, read-only API over published versions of the archive's records, and the "
        "authenticated curation API for translators and editors. Errors are RFC 9457 problem details."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind") get names of their own instead of hashed ones.
    "ENUM_NAME_OVERRIDES": {
        "PersonKindEnum": "archive.models.authorities.Person.Kind",
        "PlaceKindEnum": "archive.models.authorities.Place.Kind",
    },
}

# The public API is open to scripts on any origin, for reading only.
CORS_URLS_REGEX = r"^/api/v1/(?!curation/).*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# --- Harvesting: OAI-PMH (archive.oai) -----------------------------------------------------------

OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", ARCHIVE_NAME)
# The "oai:<this>:<document id>" part of record identifiers: a domain name with a dot. Empty: SITE_URL's
# host, or "archive.localhost" when that is an address or "localhost" (a development server).
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER", "")
# Identify's adminEmail: full addresses whose domain has a dot (the protocol's schema insists).
OAI_ADMIN_EMAILS = env_list(
    "OAI_ADMIN_EMAILS",
    DEFAULT_FROM_EMAIL if "." in DEFAULT_FROM_EMAIL.rpartition("@")[2] else "archive@example.org",
)
# Records (or headers) per ListRecords / ListIdentifiers response; a resumption token fetches the next.
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", "100"))
# Seconds a resumption token stays valid: long enough for a slow harvester to come back for the next page.
OAI_RESUMPTION_TOKEN_TTL = int(os.environ.get("OAI_RESUMPTION_TOKEN_TTL", str(24 * 60 * 60)))

# --- Bulk data: manage.py export_dataset writes MEDIA_ROOT/data/, /data/ offers it (archive.dataset) --

# The licence paragraph of the dataset's README (Markdown).
DATASET_LICENCE = os.environ.get(
    "DATASET_LICENCE",
    f"Each record's `rights` field states the rights in that record and its texts. Cite a record as its "
    f"`citation` field gives, and the dataset as: {ARCHIVE_NAME}, bulk data, {SITE_URL}/data/.",
)

# --- The process ------------------------------------------------------------------------------------

# Python's cyclic garbage collector, with a youngest generation of 50,000 objects rather than 700. A
# heavy page (the admin form of a record with 100 revisions builds a few hundred thousand objects)
# promoted so many that a full collection ran in the middle of it: pauses of 120-185 ms, a p95 of
# 300 ms for a page whose median is 95 ms. Garbage is still collected, in fewer and larger batches.
gc.set_threshold(50_000, 20, 20)
