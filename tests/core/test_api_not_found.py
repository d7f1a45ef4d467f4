from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_api_path_no_route_matches_answers_the_json_error_body(client) -> None:
    response = client.get("/api/v1/officers/not-a-number/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_page_path_no_route_matches_still_answers_a_page(client) -> None:
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
