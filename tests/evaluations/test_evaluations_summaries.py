"""The cross-app contract: evaluation_summaries for packets and flags."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from evaluations.models import EvaluationStatus, PerformanceLevel
from evaluations.selectors.evaluations import evaluation_summaries
from evaluations.services.evaluation_evidence import evaluation_note_add
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_review,
    evaluation_submit,
)
from tests.factories.evaluations import all_levels, default_rubric, started_evaluation
from tests.factories.roster import (
    AssignmentFactory,
    EvaluationPeriodFactory,
    OfficerFactory,
    SchoolFactory,
    principal_of,
    supervisor_of,
    user_of_officer,
)

pytestmark = pytest.mark.django_db


def test_it_summarises_a_signed_evaluation_with_every_competency(world) -> None:
    principal = world.users["principal"]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, 3, de_escalation=1),
        commendations="Ran the mentoring club.",
    )
    evaluation_note_add(
        evaluation=evaluation,
        actor=principal,
        observed_on=datetime.date(2026, 9, 3),
        text="Raised his voice at a student in the hallway.",
    )
    evaluation_submit(evaluation=evaluation, actor=principal)
    evaluation_review(evaluation=evaluation, actor=world.users["supervisor"])
    evaluation_acknowledge(
        evaluation=evaluation,
        actor=world.users["officer"],
        agrees=False,
        response="The hallway incident is described unfairly.",
    )

    summaries = evaluation_summaries(officer_ids=[world.officer.pk], period=world.period)

    [summary] = summaries[world.officer.pk]
    assert summary.status == EvaluationStatus.ACKNOWLEDGED
    assert summary.school_code == world.school.code
    assert summary.evaluator_name == principal.get_full_name()
    assert [c.code for c in summary.competencies][:3] == [
        "de_escalation",
        "alternatives_to_arrest",
        "role_clarity",
    ]
    de_escalation = summary.competencies[0]
    assert (de_escalation.critical, de_escalation.level, de_escalation.level_label) == (
        True,
        1,
        "Unsatisfactory",
    )
    assert de_escalation.evidence == "Seen on rounds: de_escalation."
    assert summary.critical_unsatisfactory == ("de_escalation",)
    assert summary.overall_level == PerformanceLevel.DEVELOPING
    assert summary.overall_label == "Developing"
    assert summary.commendations == "Ran the mentoring club."
    assert summary.observation_notes[0].text.startswith("Raised his voice")
    assert None not in (summary.submitted_at, summary.reviewed_at, summary.acknowledged_at)
    assert summary.officer_agrees is False
    assert summary.officer_response == "The hallway incident is described unfairly."
    assert summary.is_signed


def test_every_officer_asked_about_gets_an_entry(world) -> None:
    summaries = evaluation_summaries(
        officer_ids=[world.officer.pk, world.other_officer.pk], period=world.period
    )

    assert summaries == {world.officer.pk: [], world.other_officer.pk: []}


def test_it_can_leave_out_drafts(world) -> None:
    started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=world.users["principal"],
    )

    everything = evaluation_summaries(officer_ids=[world.officer.pk], period=world.period.pk)
    signed = evaluation_summaries(
        officer_ids=[world.officer.pk],
        period=world.period,
        statuses=[
            EvaluationStatus.SUBMITTED,
            EvaluationStatus.REVIEWED,
            EvaluationStatus.ACKNOWLEDGED,
        ],
    )

    assert [s.status for s in everything[world.officer.pk]] == ["draft"]
    assert signed[world.officer.pk] == []


def test_it_reads_only_the_period_asked_for(world) -> None:
    started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=world.users["principal"],
    )
    earlier = EvaluationPeriodFactory(
        district=world.district,
        name="2025-26",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
    )

    assert evaluation_summaries(officer_ids=[world.officer.pk], period=earlier) == {
        world.officer.pk: []
    }


def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_officers(
    world, django_assert_max_num_queries
) -> None:
    rubric = default_rubric(world.district)
    officer_ids = []
    for n in range(12):
        school = SchoolFactory(district=world.district)
        officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officer, school=school)
        principal = principal_of(school)
        evaluation = started_evaluation(
            officer=officer, school=school, period=world.period, principal=principal, rubric=rubric
        )
        evaluation_update(
            evaluation=evaluation,
            actor=principal,
            expected_version=1,
            ratings=all_levels(evaluation, 1 + n % 4),
        )
        evaluation_note_add(
            evaluation=evaluation,
            actor=principal,
            observed_on=datetime.date(2026, 9, 1),
            text="Visible at arrival.",
        )
        officer_ids.append(officer.pk)
    supervisor_of(world.agency, world.district)
    user_of_officer(world.officer, world.district)

    with django_assert_max_num_queries(4):
        summaries = evaluation_summaries(officer_ids=officer_ids, period=world.period)

    assert len(summaries) == 12
    assert all(len(s[0].competencies) == 9 for s in summaries.values())
    assert summaries[officer_ids[1]][0].overall_score == Decimal("2.00")
