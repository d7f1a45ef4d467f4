"""Production refuses to start with mail or invitation links half-configured."""

from __future__ import annotations

import pytest

from tests.test_settings import PROD, _manage


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ("SITE_URL", "SITE_URL must be set"),
        ("DEFAULT_FROM_EMAIL", "DEFAULT_FROM_EMAIL must be set"),
        ("EMAIL_HOST", "EMAIL_HOST must be set"),
    ],
)
def test_production_without_a_mail_setting_stops_with_one_line(missing: str, said: str) -> None:
    env = {k: v for k, v in PROD.items() if k != missing}
    result = _manage("check", env=env)

    assert result.returncode != 0
    assert said in result.stderr.strip().splitlines()[-1]


def test_production_refuses_a_relay_user_without_its_password() -> None:
    result = _manage("check", env={**PROD, "EMAIL_HOST_USER": "sro360"})

    assert result.returncode != 0
    assert "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD" in result.stderr.strip().splitlines()[-1]


def test_production_refuses_invitation_links_over_plain_http() -> None:
    result = _manage("check", env={**PROD, "SITE_URL": "http://sro360.example.org"})

    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr.strip().splitlines()[-1]


def test_a_token_lifetime_below_an_hour_is_refused() -> None:
    result = _manage("check", env={**PROD, "API_TOKEN_TTL_HOURS": "0"})

    assert result.returncode != 0
    assert "API_TOKEN_TTL_HOURS must be at least 1" in result.stderr.strip().splitlines()[-1]
