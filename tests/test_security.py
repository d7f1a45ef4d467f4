"""Hostile input and headers: login throttling, security headers, escaping."""

from __future__ import annotations

import pytest

from tests.factories.roster import UserFactory

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_login(client) -> None:
    UserFactory(username="victim")
    for _ in range(5):
        client.post("/login/", {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")

    locked = client.post(
        "/login/",
        {"username": "victim", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.9",
    )

    assert locked.status_code == 429
    assert b"Too many failed log-in attempts" in locked.content


def test_a_correct_password_logs_in_before_the_limit(client) -> None:
    UserFactory(username="someone")
    client.post("/login/", {"username": "someone", "password": "wrong"}, REMOTE_ADDR="10.0.0.8")

    response = client.post(
        "/login/",
        {"username": "someone", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.8",
    )

    assert response.status_code == 302


def test_pages_carry_a_content_security_policy_and_other_headers(client) -> None:
    response = client.get("/login/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_html_in_a_name_is_escaped_on_pages(world, client_for) -> None:
    world.officer.last_name = "<script>alert(1)</script>"
    world.officer.save()

    page = client_for(world.users["principal"]).get("/officers/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markup_in_user_text_is_escaped_in_pdfs() -> None:
    import io

    from pypdf import PdfReader
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate

    from core.pdf import text_paragraph

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(
        [
            text_paragraph(
                '<a href="http://evil">x</a> & <b>bold</b>', getSampleStyleSheet()["Normal"]
            )
        ]
    )

    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert '<a href="http://evil">x</a> & <b>bold</b>' in text


def test_a_forged_forwarded_address_does_not_dodge_the_code_throttle(client) -> None:
    from django.core.cache import cache

    cache.clear()
    statuses = []
    for attempt in range(35):
        response = client.post(
            "/api/v1/surveys/responses/",
            {"code": "ABCD-EFGH-JKM", "language": "en", "answers": []},
            content_type="application/json",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}",
        )
        statuses.append(response.status_code)

    assert 429 in statuses, statuses
    assert statuses[-1] == 429
