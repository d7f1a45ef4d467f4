"""Red team of the self-assessment: it is the district coordinator's alone. Every other
role, another district's coordinator, and a person who coordinates elsewhere but is a
principal here, get a 404 on every page, the PDF and the API, and change nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEvent
from roster.models import Role
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer
from tests.factories.roster import MembershipFactory, coordinator_of
from tests.factories.selfassessment import SelfAssessmentFactory

pytestmark = pytest.mark.django_db
ITEM = "s1-partners-named"  # answered by the coordinator: no evidence key
PAGES = ("selfassessment:detail", "selfassessment:compare", "selfassessment:pdf")


def _stored(assessment: SelfAssessment) -> tuple:
    assessment.refresh_from_db()
    return (
        list(SelfAssessmentAnswer.objects.filter(assessment=assessment).values_list()),
        assessment.completed_on,
        AuditEvent.objects.count(),
    )


def _attackers(world) -> dict[str, object]:
    two_hats = coordinator_of(world.other_district, username="two-hats")
    MembershipFactory(
        role=Role.PRINCIPAL, district=world.district, school=world.school, user=two_hats
    )
    return {
        "the principal": world.users[Role.PRINCIPAL],
        "the supervisor": world.users[Role.SUPERVISOR],
        "the officer": world.users[Role.OFFICER],
        "olga, another district's coordinator": coordinator_of(
            world.other_district, username="olga"
        ),
        "a coordinator elsewhere who is a principal here": two_hats,
    }


def test_no_one_but_the_districts_coordinator_reaches_an_assessment(
    world, client_for, api_for
) -> None:
    assessment = SelfAssessmentFactory(period=world.period)
    SelfAssessmentFactory(period=world.other_period)
    before = _stored(assessment)

    for who, user in _attackers(world).items():
        page, api = client_for(user), api_for(user)
        for name in PAGES:
            answer = page.get(reverse(name, args=[assessment.pk]))
            assert answer.status_code == 404, (who, name)
        posted = [
            page.post(
                reverse("selfassessment:answer", args=[assessment.pk]),
                {"item": ITEM, "answer": "no", "note": "Overwritten."},
            ).status_code,
            page.post(reverse("selfassessment:complete", args=[assessment.pk])).status_code,
            api.get(f"/api/v1/self-assessments/{assessment.pk}/").status_code,
        ]
        assert posted == [404, 404, 404], who
        listed = api.get("/api/v1/self-assessments/").json()
        assert assessment.pk not in [row["id"] for row in listed["results"]], who

    assert _stored(assessment) == before


def test_the_comparison_does_not_reach_another_districts_year(world, client_for) -> None:
    home = SelfAssessmentFactory(period=world.period)
    away = SelfAssessmentFactory(period=world.other_period)
    the_coordinator = client_for(world.users[Role.COORDINATOR])

    response = the_coordinator.get(
        reverse("selfassessment:compare", args=[home.pk]), {"with": away.pk}
    )

    assert response.status_code == 404


def test_an_answer_posted_without_its_csrf_token_is_refused(world) -> None:
    assessment = SelfAssessmentFactory(period=world.period)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.COORDINATOR])
    before = _stored(assessment)

    response = client.post(
        reverse("selfassessment:answer", args=[assessment.pk]),
        {"item": ITEM, "answer": "yes", "note": "Forged."},
    )

    assert response.status_code == 403
    assert _stored(assessment) == before
