"""The setup pages' markup: labels and error references name ids that are on the page."""

from __future__ import annotations

import pytest

from roster.models import MOU, Assignment
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db


def test_every_setup_page_references_only_ids_on_the_page(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    assignment = Assignment.objects.get(officer=world.officer)
    mou = MOU.objects.get(district=world.district)
    pages = [
        "/officers/",
        "/setup/officers/new/",
        f"/setup/officers/{world.officer.pk}/",
        "/setup/assignments/",
        "/setup/assignments/new/",
        f"/setup/assignments/{assignment.pk}/",
        "/setup/mous/",
        "/setup/mous/new/",
        f"/setup/mous/{mou.pk}/",
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_ids_consistent(response.text)
        assert response.text.count("<h1>") == 1, url


def test_a_refused_form_summarises_its_errors_and_keeps_ids_consistent(world, client_for) -> None:
    client = client_for(world.users["coordinator"])

    for url in ("/setup/officers/new/", "/setup/assignments/new/", "/setup/mous/new/"):
        response = client.post(url, {})
        assert response.status_code == 200, url
        assert "There are" in response.text, url
        assert 'role="alert"' in response.text
        assert_ids_consistent(response.text)
