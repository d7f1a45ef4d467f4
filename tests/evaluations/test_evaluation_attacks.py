"""Red team of what a packet's sign-off rests on: an evaluation reviewed by the officer
it is about (a user may hold an officer's and a supervisor's membership) would clear the
packet's "not yet reviewed" blocker, so nobody reviews or returns their own evaluation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from evaluations.models import EvaluationStatus
from evaluations.services.signatures import evaluation_submit
from roster.models import Role
from tests.factories.evaluations import rated
from tests.factories.roster import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("second_role", [Role.SUPERVISOR, Role.COORDINATOR])
def test_an_officer_with_a_reviewer_s_membership_can_t_review_their_own_evaluation(
    client_for, api_for, draft, principal, officer_user, world, second_role
) -> None:
    MembershipFactory(
        user=officer_user,
        role=second_role,
        district=world.district,
        agency=world.agency if second_role == Role.SUPERVISOR else None,
    )
    rated(draft, principal, level=3)
    evaluation_submit(evaluation=draft, actor=principal)

    page = client_for(officer_user).get(reverse("evaluation-detail", args=[draft.pk]))
    client_for(officer_user).post(reverse("evaluation-review", args=[draft.pk]), {"comment": "Me."})
    api = api_for(officer_user).post(
        f"/api/v1/evaluations/{draft.pk}/review/", {"comment": "Me."}, format="json"
    )
    returned = api_for(officer_user).post(
        f"/api/v1/evaluations/{draft.pk}/return/", {"reason": "Nope."}, format="json"
    )
    draft.refresh_from_db()

    assert "Sign as reviewed" not in page.content.decode()
    assert api.status_code == 403
    assert returned.status_code == 403
    assert draft.status == EvaluationStatus.SUBMITTED
    assert draft.reviewed_by is None
    assert not AuditEvent.objects.filter(
        action__in=["evaluation.reviewed", "evaluation.returned"]
    ).exists()
