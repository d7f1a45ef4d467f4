"""The summary's headline: the rubric's own overall score and label, and the officer's
strongest and weakest competencies in order."""

from __future__ import annotations

import pytest

from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_submit
from packets.assembler import assemble_snapshots
from roster.models import Role
from tests.factories.evaluations import all_levels, started_evaluation

pytestmark = pytest.mark.django_db


def _signed(world, level: int = 3, **overrides: int):
    principal = world.users[Role.PRINCIPAL]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, level, **overrides),
    )
    return evaluation_submit(evaluation=evaluation, actor=principal)


def _summary(world) -> dict:
    return assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]["summary"]


def _codes_and_names(evaluation) -> list[tuple[str, str, bool]]:
    return [
        (c.code, c.name, c.critical) for c in evaluation.rubric.competencies.order_by("position")
    ]


def test_the_headline_is_the_evaluations_own_overall_score_and_label(world) -> None:
    first = started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=world.users[Role.PRINCIPAL],
    )
    critical = next(code for code, _, is_critical in _codes_and_names(first) if is_critical)
    first.delete()
    # A critical competency at Unsatisfactory: a score near Proficient, capped at Developing.
    evaluation = _signed(world, 3, **{critical: 1})

    headline = _summary(world)["headline"]

    assert evaluation.overall_score is not None
    assert headline["rating"] == float(evaluation.overall_score)
    assert headline["rating"] > 2.5  # the score, not the (capped) level
    assert headline["rating_label"] == evaluation.overall_label == "Developing"
    assert headline["basis"] == "The weighted rubric score of the signed evaluation."
    assert headline["scale"] == "1 Unsatisfactory, 2 Developing, 3 Proficient, 4 Exemplary"


def test_without_a_signed_evaluation_the_headline_says_so_and_rates_nothing(world) -> None:
    summary = _summary(world)

    assert summary["headline"]["rating"] is None
    assert summary["headline"]["rating_label"] is None
    assert summary["headline"]["basis"] == "No signed rubric evaluation in this period."
    assert (summary["strengths"], summary["concerns"]) == ([], [])


def test_strengths_are_the_three_strongest_and_concerns_the_three_weakest_in_order(
    world,
) -> None:
    probe = started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=world.users[Role.PRINCIPAL],
    )
    rubric = _codes_and_names(probe)
    probe.delete()
    codes = [code for code, _, _ in rubric]
    names = {code: name for code, name, _ in rubric}
    levels = {codes[5]: 4, codes[2]: 4, codes[0]: 2, codes[3]: 1, codes[4]: 2}
    _signed(world, 3, **levels)

    summary = _summary(world)

    # Equal levels keep the rubric's order; Proficient (3) fills the third strength.
    assert summary["strengths"] == [
        [names[codes[2]], 4, "Exemplary"],
        [names[codes[5]], 4, "Exemplary"],
        [names[codes[1]], 3, "Proficient"],
    ]
    weakest = [row[0] for row in summary["concerns"]]
    assert weakest[0] == names[codes[3]]
    assert set(weakest[1:]) == {names[codes[0]], names[codes[4]]}
    assert [row[1:] for row in summary["concerns"]] == [
        [1, "Unsatisfactory"],
        [2, "Developing"],
        [2, "Developing"],
    ]
    assert not {row[0] for row in summary["strengths"]} & set(weakest)
