"""A public address that leads nowhere (a mistyped notice link, an old report address)
answers with a page in the reader's language, with a way on, and never repeats the
address, which may hold a code typed into it (issue 20 walk-through)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.translation_checks import assert_translated

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
MISSING = [
    "/public/surveys/notices/nosuchnotice/",
    "/public/activity/NOPE/2025-26/",
    "/public/complaints/NOPE/",
]


@pytest.mark.parametrize("url", MISSING)
def test_a_missing_public_page_is_in_spanish_with_a_way_on(url) -> None:
    response = Client().get(url, **ES)

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert "No encontramos esta página" in html
    assert 'href="/public/activity/"' in html
    assert_translated(Client(), url)


def test_the_missing_page_never_repeats_the_address() -> None:
    response = Client().get("/public/complaints/track/ZZZZ-QQQQ-XXXX/", **ES)

    assert response.status_code == 404
    assert "ZZZZ" not in response.content.decode()
