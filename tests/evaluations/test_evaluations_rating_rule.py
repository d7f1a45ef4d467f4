"""The overall rating: weighted mean, rounded half up, capped at Developing when a
critical competency is Unsatisfactory."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evaluations.models.evaluations import overall_rating
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_submit
from tests.factories.evaluations import all_levels, rubric_with, started_evaluation

D = Decimal


def test_it_is_the_weighted_mean_rounded_to_the_nearest_level() -> None:
    assert overall_rating([(D(2), 4, True), (D(1), 1, False)]) == (D("3.00"), 3)
    assert overall_rating([(D(1), 3, False), (D(1), 4, False)]) == (D("3.50"), 4)
    assert overall_rating([(D(3), 2, False), (D(1), 3, False)]) == (D("2.25"), 2)


def test_a_critical_unsatisfactory_caps_the_overall_at_developing() -> None:
    # Exemplary everywhere else would round to Exemplary (3.70) without the cap.
    items = [(D(1), 1, True)] + [(D(1), 4, False)] * 9

    assert overall_rating(items) == (D("3.70"), 2)


def test_an_unsatisfactory_that_is_not_critical_does_not_cap() -> None:
    items = [(D(1), 1, False)] + [(D(1), 4, False)] * 9

    assert overall_rating(items) == (D("3.70"), 4)


def test_the_cap_never_raises_a_lower_rating() -> None:
    assert overall_rating([(D(1), 1, True), (D(1), 1, False)]) == (D("1.00"), 1)


def test_nothing_rated_has_no_overall() -> None:
    assert overall_rating([]) == (None, None)


@pytest.mark.django_db
def test_a_submitted_evaluation_stores_the_capped_rating(world) -> None:
    rubric = rubric_with(
        world.district,
        ("de_escalation", "2", True),
        ("communication", "1", False),
        ("professionalism", "1", False),
    )
    principal = world.users["principal"]
    evaluation = started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=principal,
        rubric=rubric,
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, 4, de_escalation=1),
    )

    evaluation = evaluation_submit(evaluation=evaluation, actor=principal)

    # (2*1 + 4 + 4) / 4 = 2.5 would round to Proficient; the cap holds it at Developing.
    assert (evaluation.overall_score, evaluation.overall_level) == (D("2.50"), 2)
