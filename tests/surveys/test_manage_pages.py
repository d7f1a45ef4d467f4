"""The coordinator's campaign page: how each group gets its codes."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from roster.models import Role
from surveys.models import AccessCode, RespondentGroup
from tests.factories.surveys import make_campaign

pytestmark = pytest.mark.django_db
STAFF_AND_PEERS = "Staff and peer officers: issue one personal code per person and send it by mail merge (CSV); a code works once."


def test_the_campaign_page_tells_the_coordinator_to_give_staff_and_peers_a_personal_code_each(
    survey, client_for
) -> None:
    html = (
        client_for(survey.world.users[Role.COORDINATOR])
        .get(f"/surveys/campaigns/{survey.campaign.pk}/")
        .content.decode()
    )

    assert STAFF_AND_PEERS in html
    assert "CSV for a mail merge (families, staff, peer officers)" in html
    assert "staff link" not in html.lower()
    assert "/s/link/" not in html


def test_a_campaign_without_staff_or_peers_shows_no_such_advice(survey, client_for) -> None:
    students_only = make_campaign(
        period=survey.period,
        schools=[survey.school],
        officers=[survey.officer],
        groups=[RespondentGroup.STUDENT],
    )

    html = (
        client_for(survey.world.users[Role.COORDINATOR])
        .get(f"/surveys/campaigns/{students_only.pk}/")
        .content.decode()
    )

    assert "Staff and peer officers:" not in html


def test_there_is_no_way_left_to_make_a_shared_staff_link(survey, client_for) -> None:
    audit_rows = AuditEvent.objects.count()

    answer = client_for(survey.world.users[Role.COORDINATOR]).post(
        f"/surveys/campaigns/{survey.campaign.pk}/staff-links/", {"school": survey.school.pk}
    )

    assert answer.status_code == 404
    assert AuditEvent.objects.count() == audit_rows
    assert not AccessCode.objects.exists()
