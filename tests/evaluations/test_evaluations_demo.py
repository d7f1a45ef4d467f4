"""The demo: the default rubric and an evaluation in every state, with a low de-escalation."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from evaluations.models import Evaluation, EvaluationStatus, PerformanceLevel
from roster.models import EvaluationPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state_and_a_low_de_escalation_rating_for_the_demo_officer() -> None:
    call_command("demo", "--no-serve")
    call_command("demo", "--no-serve")

    assert set(Evaluation.objects.values_list("status", flat=True)) == set(EvaluationStatus.values)
    current = EvaluationPeriod.objects.order_by("-start_date").first()
    assert Evaluation.objects.filter(period=current).count() == 5
    # The year before: signed evaluations, so the packets show a prior period.
    prior = Evaluation.objects.exclude(period=current)
    assert prior.count() == 3
    assert not prior.filter(submitted_at=None).exists()
    lee = Evaluation.objects.get(officer__badge_number="4113", school__code="LHS", period=current)
    assert lee.evaluator.username == "principal"
    assert (
        lee.ratings.get(competency__code="de_escalation").level == PerformanceLevel.UNSATISFACTORY
    )
    assert lee.overall_level == PerformanceLevel.DEVELOPING
    assert (lee.status, lee.officer_agrees) == (EvaluationStatus.ACKNOWLEDGED, False)
    assert lee.officer_response
