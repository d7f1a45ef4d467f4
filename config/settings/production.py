"""Production: no secret, database or host falls back to a development value."""

from __future__ import annotations

import dj_database_url

from .env import env_bool, env_int, env_list, env_required, env_str

SECRET_KEY = env_required("SECRET_KEY", "production needs a long random secret key")
DATABASES = {
    "default": dj_database_url.parse(
        env_required("DATABASE_URL", "production needs a PostgreSQL URL"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must be set: the host names this site answers to")
DEBUG = False

# Without a broker, base.py runs tasks inside the web request (the embedded quick
# start); in production that would hold pages for a packet batch and lose the
# retries and time limits the tasks rely on.
CELERY_BROKER_URL = env_required(
    "CELERY_BROKER_URL", "production runs tasks on Celery workers through a broker (Redis URL)"
)
CELERY_TASK_ALWAYS_EAGER = False

# The console, in-memory and dummy backends deliver nothing: an overdue-removal
# notice would go to stdout. base.py defaults to the console for development only.
_UNDELIVERED_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or ""
if not EMAIL_BACKEND or EMAIL_BACKEND in _UNDELIVERED_MAIL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set to a backend that delivers mail "
        "(e.g. django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST), "
        f"not {EMAIL_BACKEND or 'the console default'!r}"
    )

# Invitations and password resets are only as good as the mail that carries them: a
# half-configured relay would accept nothing, or mail links that point nowhere.
DEFAULT_FROM_EMAIL = env_required(
    "DEFAULT_FROM_EMAIL", "invitations and password resets need a sender address"
)
if EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    EMAIL_HOST = env_required("EMAIL_HOST", "the SMTP backend needs the relay's host name")
    if bool(env_str("EMAIL_HOST_USER")) != bool(env_str("EMAIL_HOST_PASSWORD")):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD must be set together (or neither)"
        )
SITE_URL = env_required("SITE_URL", "mailed invitation links start with it (https://...)")
if not SITE_URL.startswith("https://"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"SITE_URL must start with https://, not {SITE_URL!r}")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
