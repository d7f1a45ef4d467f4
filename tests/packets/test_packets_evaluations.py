"""The rubric evaluations and commendations sections."""

from __future__ import annotations

import pytest

from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_review,
    evaluation_submit,
)
from packets.assembler import assemble_snapshots
from roster.models import Role
from tests.factories.evaluations import all_levels, started_evaluation

pytestmark = pytest.mark.django_db


def _snapshot(world) -> dict:
    return assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[world.officer.pk]


def _section(snapshot: dict, key: str) -> dict:
    return next(s for s in snapshot["sections"] if s["key"] == key)


def test_a_draft_stays_out_and_a_submitted_evaluation_shows_its_levels_and_commendations(
    world,
) -> None:
    principal = world.users[Role.PRINCIPAL]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, 3, de_escalation=4),
        commendations="Calmed a crowd at the game.",
    )
    draft = _snapshot(world)
    evaluation_submit(evaluation=evaluation, actor=principal)

    snapshot = _snapshot(world)

    assert _section(draft, "evaluations")["tables"] == []
    facts = dict(map(tuple, snapshot["summary"]["facts"]))
    evaluation.refresh_from_db()
    # Was the mean of overall levels (a rounded 3); the issue asks for the rubric's own
    # score, the figure the headline rates.
    assert facts["Rubric score (weighted; 1 Unsatisfactory to 4 Exemplary)"] == round(
        float(evaluation.overall_score), 2
    ), "the number says which scale it is on"
    assert float(evaluation.overall_score) > 3, "de-escalation at 4 lifts the weighted score"
    assert _section(draft, "commendations")["tables"][0]["rows"] == []
    levels = {row[0]: row[2] for row in _section(snapshot, "evaluations")["tables"][0]["rows"]}
    assert levels["De-escalation"] == 4
    assert set(levels.values()) == {3, 4}
    chart = next(c for c in snapshot["summary"]["charts"] if c["key"] == "competency_levels")
    assert dict(zip(chart["labels"], chart["values"], strict=True))["De-escalation"] == 4
    assert chart["max"] == 4
    assert (
        _section(snapshot, "commendations")["tables"][0]["rows"][0][3]
        == "Calmed a crowd at the game."
    )


def test_the_signatures_and_the_officer_s_response_are_in_the_packet(world) -> None:
    principal = world.users[Role.PRINCIPAL]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, 2),
    )
    evaluation_submit(evaluation=evaluation, actor=principal)
    evaluation_review(evaluation=evaluation, actor=world.users[Role.SUPERVISOR])
    evaluation_acknowledge(
        evaluation=evaluation,
        actor=world.users[Role.OFFICER],
        agrees=False,
        response="The incident in October is described wrongly.",
    )

    rows = dict(map(tuple, _section(_snapshot(world), "evaluations")["tables"][1]["rows"]))

    assert rows["Submitted"].endswith(f"by {principal.get_full_name()}")
    assert rows["Reviewed"] is not None
    assert rows["Officer's position"] == "Disagrees"
    assert rows["Officer's response"] == "The incident in October is described wrongly."
