from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# Development only: production.py refuses to start without SECRET_KEY. A random key
# per process would log everyone out on each restart, so development keeps one in var/.
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY and os.environ.get("DJANGO_ENV") != "production":
    from .devkey import development_secret_key

    SECRET_KEY = development_secret_key(VAR_DIR)

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    # Kept installed only so that its table (the old, plain-text tokens) stays a known
    # table through migrations; no authentication class reads it any more: API tokens
    # are knox's (accounts.ApiToken).
    "rest_framework.authtoken",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "core",
    "roster",
    "training_records",
    "surveys",
    "activity",
    "evaluations",
    "agreements",
    "hiring",
    "flags",
    "packets",
    "selfassessment",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PublicLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: after 5 failures for one username from one address, that pair
# is locked for 15 minutes (password guessing, not a denial of service on the user).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Content-Security-Policy: no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sro360.sqlite3'}"),
        # Opening a PostgreSQL connection costs more than a whole request here, so
        # connections persist and are checked before reuse (ARCHITECTURE.md).
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: a writer takes the write lock when its transaction begins
    # (not halfway through, when SQLite can only fail it), and a second writer waits
    # for it instead of failing at once with "database is locked" (a double click).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# The pages in the reader's language (config.middleware.PublicLocaleMiddleware):
# respondents' survey, the public report, complaints, parents' notices, the
# language switch itself. Staff pages are in English.
PUBLIC_PATH_PREFIXES = ("/s/", "/public/", "/i18n/")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Development serves static files straight from the apps (no collectstatic needed);
# production serves the compressed, hashed copies that collectstatic made.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
if os.environ.get("DJANGO_ENV") != "production":
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Uploads: spreadsheets and attachments are checked by content in the importers;
# this caps what Django will even read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_IMPORT_FILE_BYTES = env_int("MAX_IMPORT_FILE_BYTES", 20 * 1024 * 1024)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sro360@localhost")
# For the SMTP backend (production): the relay that delivers notices.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if redis_cache_url := env_str("REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_cache_url,
        }
    }

# Celery: with no broker, tasks run in-process and their errors propagate.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a dead worker had taken comes back after this many seconds (acks_late).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# With the broker down, fail a send at once (core.queue logs it and jobs are sent
# again later) rather than hold the request for seconds of retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "jobs-redispatch": {"task": "core.tasks.jobs_redispatch_task", "schedule": 60.0},
}
# Free-text survey comments are emptied this many years after their campaign closed.
SURVEY_COMMENT_RETENTION_YEARS = env_int("SURVEY_COMMENT_RETENTION_YEARS", 3)
if SURVEY_COMMENT_RETENTION_YEARS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SURVEY_COMMENT_RETENTION_YEARS must be at least 1")
CELERY_BEAT_SCHEDULE["survey-comments-retention"] = {
    "task": "surveys.tasks.survey_comments_purge_task",
    "schedule": 24 * 60 * 60,
}
# At night, when few respondents are answering: it locks the survey tables for seconds.
CELERY_BEAT_SCHEDULE["survey-responses-unlink"] = {
    "task": "surveys.tasks.survey_responses_unlink_task",
    "schedule": crontab(hour=3, minute=15),
}
# The same for public comments on MOU reviews (anonymity invariant 1), right after.
CELERY_BEAT_SCHEDULE["public-comments-unlink"] = {
    "task": "agreements.tasks.public_comments_unlink_task",
    "schedule": crontab(hour=3, minute=25),
}
CELERY_BEAT_SCHEDULE["training-reminders"] = {
    "task": "training_records.send_reminders",
    "schedule": 24 * 60 * 60,
}
CELERY_BEAT_SCHEDULE["flags-evaluate-nightly"] = {
    "task": "flags.evaluate_all",
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["removal-requests-overdue-daily"] = {
    "task": "flags.removal_requests_notify_overdue",
    "schedule": crontab(hour=7, minute=0),
}
CELERY_BEAT_SCHEDULE["mou-reviews-remind-daily"] = {
    "task": "agreements.mou_reviews_remind",
    "schedule": crontab(hour=7, minute=10),
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # knox tokens; a refused one answers 401 (accounts/auth.py says why).
        "accounts.auth.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["roster.permissions.HasRoleInScope"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "survey_code": "30/minute",
        "public_form": "20/minute",
        "token_login": env_str("API_TOKEN_LOGIN_RATE", "10/minute"),
    },
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
    # Throttles key on the client address. X-Forwarded-For is trusted only for as many
    # proxies as are really in front of the app (0: none), so a client can't pick its
    # own address to dodge the code-guessing throttle.
    "NUM_PROXIES": env_int("NUM_PROXIES", 0),
}
# API tokens (django-rest-knox): only a digest is stored, every login makes a new one,
# and each expires: a token copied into a script or a laptop stops working by itself.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model label, not a secret)
# knox's own migrations create its AuthToken table even when the model is swapped for
# ours; nothing uses that table, and its foreign key to auth_user makes PostgreSQL refuse
# the TRUNCATE with which tests flush the database. Unmigrated, the swapped model gets
# no table.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 10)
if API_TOKEN_TTL_HOURS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("API_TOKEN_TTL_HOURS must be at least 1")
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
# Invitations: how long a link stays good. A week covers a school holiday's weekend.
INVITATION_TTL_DAYS = env_int("INVITATION_TTL_DAYS", 7)
if not 1 <= INVITATION_TTL_DAYS <= 30:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("INVITATION_TTL_DAYS must be between 1 and 30")
# Password reset links (Django's): valid this long. Reset mails per hour, per client
# address and per email address (accounts/password_reset.py): not a mail cannon.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_HOURS", 24) * 60 * 60
PASSWORD_RESET_PER_IP_HOUR = env_int("PASSWORD_RESET_PER_IP_HOUR", 10)
PASSWORD_RESET_PER_EMAIL_HOUR = env_int("PASSWORD_RESET_PER_EMAIL_HOUR", 3)
# The address mailed links (invitations) start with; password reset links use the
# request's own host, which ALLOWED_HOSTS already pins.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

SPECTACULAR_SETTINGS = {
    "TITLE": "SRO360 API",
    "DESCRIPTION": "Evaluation and anonymous 360-degree feedback for School Resource Officers.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FlagSeverityEnum": "flags.models.flags.FlagSeverity",
        "ReviewDecisionEnum": "agreements.models.reviews.ReviewDecision",
        "SelectionDecisionEnum": "hiring.models.selections.SelectionDecision",
    },
}

# No handler writes a line about a respondent's request (anonymity invariant 1):
# see config/request_logs.py. Every handler carries the filter, and Django's own
# default handlers, which would not, are replaced on the loggers that had them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_respondent_requests": {"()": "config.request_logs.RespondentRequestFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_respondent_requests"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["no_respondent_requests"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django attaches a console handler (debug only) and an email one (ADMINS,
        # which SRO360 never sets) here; its records reach the root's console instead.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
