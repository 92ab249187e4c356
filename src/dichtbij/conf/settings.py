"""Dichtbij settings: one module, driven by environment variables.

Every variable is read once, here, with a default that is safe for the demo. The
environment ``DICHTBIJ_ENV`` picks the mode:

* ``demo`` (default): runs on a laptop with SQLite, demo accounts allowed, 2FA optional.
* ``production``: DEBUG off, secure cookies, HSTS, 2FA required for professionals, no demo
  accounts, and the process refuses to start with the demo secret key.
* ``test``: like demo, with a fast password hasher; set by ``dichtbij.conf.testing``.

The README's "Configuratie" table documents each variable.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dichtbij.utils.env import env_bool, env_int, env_list, env_str

# Lets annotations such as ``admin.TabularInline[Membership, User]`` run, as django-stubs
# expects; DRF's classes are patched by ``dichtbij.utils`` once apps load.
django_stubs_ext.monkeypatch()

SRC_DIR = Path(__file__).resolve().parents[2]
# In a source checkout the project root holds pyproject.toml; an installed package
# (pip install .) lives in site-packages, and then the working directory is the root.
BASE_DIR = SRC_DIR.parent if (SRC_DIR.parent / "pyproject.toml").exists() else Path.cwd()

# --- Mode ----------------------------------------------------------------------------

ENVIRONMENTS = ("demo", "production", "test")
DICHTBIJ_ENV = env_str("DICHTBIJ_ENV", "demo")
if DICHTBIJ_ENV not in ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"DICHTBIJ_ENV={DICHTBIJ_ENV!r} is unknown; choose one of {', '.join(ENVIRONMENTS)}."
    )
PRODUCTION = DICHTBIJ_ENV == "production"

#: The key the demo runs with. Public by design, so production refuses it.
DEMO_SECRET_KEY = "dichtbij-demo-only-secret-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEMO_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Production mode refuses to start with the demo secret key or a key shorter than "
        "50 characters: set DJANGO_SECRET_KEY to a long random value."
    )

#: Keys for personal data encrypted at rest (BSN): Fernet keys, newest first, so that a
#: key can be rotated (see dichtbij.utils.crypto). Outside production they default to keys
#: derived from SECRET_KEY; production refuses to start without its own.
FIELD_ENCRYPTION_KEYS = env_list("DICHTBIJ_FIELD_KEYS", default=[])
#: Key of the keyed digests that find a BSN again without decrypting every row.
FIELD_DIGEST_KEY = env_str("DICHTBIJ_DIGEST_KEY", "")
if PRODUCTION and (not FIELD_ENCRYPTION_KEYS or len(FIELD_DIGEST_KEY) < 32):
    raise ImproperlyConfigured(
        "Production mode needs DICHTBIJ_FIELD_KEYS (Fernet keys, comma-separated, newest "
        "first) and DICHTBIJ_DIGEST_KEY (at least 32 random characters) to protect BSNs."
    )

DEBUG = env_bool("DJANGO_DEBUG", default=DICHTBIJ_ENV == "demo")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on in production mode.")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS in production mode.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

#: Demo accounts (password "demo") may only exist outside production.
DEMO_ACCOUNTS_ALLOWED = not PRODUCTION

# --- Paths ---------------------------------------------------------------------------

VAR_DIR = Path(env_str("DICHTBIJ_VAR_DIR", str(BASE_DIR / "var")))
#: The shared reference data (sociale kaart, HSDS schemas); optional.
SHARED_DATA_DIR = Path(env_str("DICHTBIJ_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data")))
NODE_MODULES_DIR = Path(env_str("DICHTBIJ_NODE_MODULES", str(BASE_DIR / "node_modules")))
#: Directory with one TOML file per region (see regions/README).
REGIONS_DIR = Path(
    env_str("DICHTBIJ_REGIONS_DIR", str(Path(__file__).resolve().parents[1] / "regions" / "data"))
)

# --- Applications --------------------------------------------------------------------

INSTALLED_APPS = [
    "dichtbij.audit.admin_config.DichtbijAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "dichtbij.utils",
    "dichtbij.regions",
    "dichtbij.catalogue",
    "dichtbij.catalogue.search",
    "dichtbij.accounts",
    "dichtbij.families",
    "dichtbij.network",
    "dichtbij.requests",
    "dichtbij.plans",
    "dichtbij.referrals",
    "dichtbij.audit",
    "dichtbij.privacy",
    "dichtbij.web",
    "dichtbij.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dichtbij.utils.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dichtbij.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees the outcome of authentication of every request.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dichtbij.urls"
WSGI_APPLICATION = "dichtbij.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dichtbij.web.context_processors.site",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dichtbij.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock rather than fail at once; WAL lets readers work beside a writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

#: Failed logins before an account is locked, and for how long.
AXES_FAILURE_LIMIT = env_int("DICHTBIJ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DICHTBIJ_LOGIN_LOCKOUT_MINUTES", 15))
# Lock a username after repeated failures. Not by address: one office, school or
# telecom NAT shares an address, and a lockout by address would shut out all its
# users at once; password guessing across many usernames meets 2FA in production.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# The same client address as the audit log (honours DICHTBIJ_BEHIND_PROXY).
AXES_CLIENT_IP_CALLABLE = "dichtbij.audit.services.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dichtbij.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

#: Professionals must confirm a TOTP code at login. Always on in production.
TWO_FACTOR_REQUIRED = PRODUCTION or env_bool("DICHTBIJ_2FA_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Dichtbij"

#: Session ends after this many minutes without a request.
SESSION_IDLE_MINUTES = env_int("DICHTBIJ_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
#: How long "break the glass" opens a file a professional is not involved with.
EMERGENCY_ACCESS_HOURS = env_int("DICHTBIJ_EMERGENCY_ACCESS_HOURS", 8)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers ----------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("DICHTBIJ_SSL_REDIRECT", default=True)
#: Behind our own reverse proxy: trust its X-Forwarded-Proto and X-Forwarded-For.
BEHIND_PROXY = env_bool("DICHTBIJ_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Internationalisation ------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files --------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("utrecht", NODE_MODULES_DIR / "@utrecht" / "component-library-css" / "dist"),
]
# Outside production, serve straight from the finders: no collectstatic needed for the
# demo or the browser tests.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- API -----------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "dichtbij.accounts.api_auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "dichtbij.utils.openapi.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "dichtbij.utils.problem.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "dichtbij.utils.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Dichtbij API",
    "DESCRIPTION": (
        "API of Dichtbij, the regional youth-care platform. Errors are "
        "application/problem+json (RFC 9457). Systems authenticate with "
        "'Authorization: Bearer TOKEN' with a token from functioneel beheer."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One named schema per choice set that several fields share, so that the names in
    # the contract say what the values are (and stay stable when fields are added).
    "ENUM_NAME_OVERRIDES": {
        "ConsentMethodEnum": "dichtbij.families.constants.ConsentMethod",
        "AgreementMethodEnum": "dichtbij.plans.constants.AgreementMethod",
        "AnswerEnum": "dichtbij.requests.constants.Answer",
        "PlanLeadEnum": "dichtbij.regions.constants.PlanLead",
        "HelpRequestStatusEnum": "dichtbij.requests.constants.HelpRequestStatus",
        "ReferralStatusEnum": "dichtbij.referrals.constants.ReferralStatus",
        "ServiceStatusEnum": ["active", "inactive", "defunct", "temporarily closed"],
    },
}

# --- Logging -------------------------------------------------------------------------

# Every handler redacts BSNs, also Django's own request and runserver logs (which
# print request lines with query strings) and tracebacks; so Django's default handlers
# are replaced, not added to.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_bsn": {"()": "dichtbij.utils.logging.RedactBsnFilter"}},
    "formatters": {
        "server": {"format": "[{asctime}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_bsn"]},
        "server": {
            "class": "logging.StreamHandler",
            "filters": ["redact_bsn"],
            "formatter": "server",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DICHTBIJ_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# --- Mail ----------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DICHTBIJ_FROM_EMAIL", "noreply@dichtbij.example.nl")

if DICHTBIJ_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    AUTH_PASSWORD_VALIDATORS = []

os.makedirs(STATIC_ROOT, exist_ok=True)
