"""Evaluation and rubric pages: unique ids, and labels and descriptions that point at something."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.evaluations import default_rubric
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db


def test_the_edit_rubric_and_packet_pages_have_unique_ids_and_no_dangling_references(
    client_for, world, draft, principal
) -> None:
    rubric = default_rubric(world.district)
    pages = [
        (principal, reverse("evaluation-edit", args=[draft.pk])),
        (world.users["coordinator"], reverse("rubric-revise", args=[rubric.pk])),
        (world.users["coordinator"], "/packets/"),
    ]
    for user, url in pages:
        page = client_for(user).get(url)
        assert page.status_code == 200, url
        assert_ids_consistent(page.content.decode())
