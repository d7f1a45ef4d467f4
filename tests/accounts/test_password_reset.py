"""Password reset by email: the link sets a new password; an unknown address learns nothing."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from roster.models import Role

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-7"


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


def test_the_mailed_link_sets_a_new_password_that_logs_in(world) -> None:
    principal = world.users[Role.PRINCIPAL]
    principal.email = "principal@example.org"
    principal.save()
    client = Client()

    response = client.post("/password_reset/", {"email": "principal@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    logged_in = Client().post("/login/", {"username": principal.username, "password": NEW_PASSWORD})
    assert logged_in.status_code == 302
    # Single use: the same link now says it is spent.
    again = Client().get(link, follow=True)
    assert "has been used or has expired" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db) -> None:
    known = Client().post("/password_reset/", {"email": "nobody@example.org"})

    assert known.status_code == 302
    assert known["Location"] == "/password_reset/done/"
    assert mail.outbox == []


def test_reset_mails_to_one_address_are_limited(world, settings) -> None:
    settings.PASSWORD_RESET_PER_EMAIL_HOUR = 2
    user = world.users[Role.OFFICER]
    user.email = "officer@example.org"
    user.save()

    answers = [
        Client().post("/password_reset/", {"email": "officer@example.org"}).status_code
        for _ in range(4)
    ]

    assert answers == [302] * 4  # the same answer every time: nothing revealed
    assert len(mail.outbox) == 2


def test_the_login_page_links_to_the_reset(db) -> None:
    page = Client().get("/login/").content.decode()

    assert 'href="/password_reset/"' in page
    assert get_user_model().objects.count() == 0
