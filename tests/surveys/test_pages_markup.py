"""Staff survey pages: unique ids, and labels and descriptions that point at something."""

from __future__ import annotations

import pytest

from roster.models import Role
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db


def test_the_campaign_pages_have_unique_ids_and_no_dangling_references(survey, client_for) -> None:
    client = client_for(survey.world.users[Role.COORDINATOR])
    for url in (f"/surveys/campaigns/{survey.campaign.pk}/", "/surveys/campaigns/new/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert_ids_consistent(page.content.decode())
