"""Production settings: refuse to start without secrets; ``check --deploy`` is clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROD = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-0123456789",
    "ALLOWED_HOSTS": "sro360.example.org",
    "DATABASE_URL": "postgres://sro360@127.0.0.1:5432/sro360",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "sro360@example.org",
    "SITE_URL": "https://sro360.example.org",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PROD and k != "CELERY_BROKER_URL"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues_in_production() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_without_secret_key_stops_with_one_line() -> None:
    env = {k: v for k, v in PROD.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr.strip().splitlines()[-1]


def test_production_without_database_url_stops_with_one_line() -> None:
    env = {k: v for k, v in PROD.items() if k != "DATABASE_URL"}
    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr.strip().splitlines()[-1]


def test_production_without_a_broker_stops_with_one_line() -> None:
    env = {k: v for k, v in PROD.items() if k != "CELERY_BROKER_URL"}
    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "CELERY_BROKER_URL must be set" in result.stderr.strip().splitlines()[-1]


def test_production_without_an_email_backend_stops_with_one_line() -> None:
    env = {k: v for k, v in PROD.items() if k != "EMAIL_BACKEND"}
    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "EMAIL_BACKEND must be set" in result.stderr.strip().splitlines()[-1]


def test_production_refuses_the_console_and_in_memory_mail_backends() -> None:
    for backend in ("console", "locmem"):
        env = {**PROD, "EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"}
        result = _manage("check", env=env)

        assert result.returncode != 0
        assert (
            f"not 'django.core.mail.backends.{backend}.EmailBackend'"
            in result.stderr.strip().splitlines()[-1]
        )


def test_production_sends_tasks_to_the_broker_not_in_process() -> None:
    code = "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    result = _manage("shell", "--no-imports", "-c", code, env=PROD)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/0"]


def test_a_malformed_boolean_is_refused() -> None:
    result = _manage("check", env={"DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_cookies_are_secure_and_http_only() -> None:
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=PROD)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "True"]


def test_every_beat_entry_names_a_registered_task() -> None:
    from django.conf import settings

    from config.celery import app

    app.loader.import_default_modules()
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "surveys.tasks.survey_responses_unlink_task" in names
    assert names <= set(app.tasks), names - set(app.tasks)
