"""The officer beside the district and the prior period, trends, narrative, cautions,
and the summary's cost in queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activity.models import ActionType
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_submit
from packets.assembler import assemble_snapshots
from roster.models import Role
from tests.factories.activity import enrollment_of, incident_with
from tests.factories.evaluations import all_levels, started_evaluation
from tests.factories.roster import AssignmentFactory, EvaluationPeriodFactory
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db

ALTERNATIVES = "% of incidents handled with an alternative"
SURVEY = "Survey: % favourable (mean over groups' questions)"
RUBRIC = "Rubric score (1-4)"


def _incidents(officer, school, arrests: int, diversions: int, day: datetime.date) -> None:
    for n in range(arrests):
        incident_with(
            ActionType.ARREST, officer=officer, school=school, date=day + datetime.timedelta(days=n)
        )
    for n in range(diversions):
        incident_with(
            ActionType.DIVERSION,
            officer=officer,
            school=school,
            date=day + datetime.timedelta(days=n),
        )


def _signed(world, period, level: int):
    principal = world.users[Role.PRINCIPAL]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=period, principal=principal
    )
    evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, level),
    )
    return evaluation_submit(evaluation=evaluation, actor=principal)


def _summary(world, period=None) -> dict:
    period = period or world.period
    return assemble_snapshots(officer_ids=[world.officer.pk], period=period)[world.officer.pk][
        "summary"
    ]


def _rows(summary: dict) -> dict[str, list]:
    return {row[0]: row[1:] for row in summary["comparisons"]["rows"]}


def _prior_period(world):
    return EvaluationPeriodFactory(
        district=world.district,
        name="2025-26",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
    )


def test_the_officer_is_set_beside_hand_computed_district_figures(world) -> None:
    peer = AssignmentFactory(school=world.school, officer__agency=world.agency).officer
    october = datetime.date(2026, 10, 1)
    _incidents(world.officer, world.school, arrests=1, diversions=3, day=october)  # 75%
    _incidents(peer, world.school, arrests=3, diversions=1, day=october)  # 25%
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer, peer],
        groups=["student"],
    )
    submit_many(campaign, "student", world.school, world.officer, 6, values=[5])
    submit_many(campaign, "student", world.school, peer, 6, values=[1])
    release_results(campaign)

    rows = _rows(_summary(world))

    assert world.officer.pk != peer.pk
    # The district's alternatives share is the median officer's: (75 + 25) / 2.
    assert rows[ALTERNATIVES] == [75.0, 50.0]
    # Every answer about the officer favourable; half of the district's.
    assert rows[SURVEY] == [100.0, 50.0]
    assert rows[RUBRIC] == [None, None]


def test_the_prior_period_is_shown_beside_the_officer_where_it_holds_figures(world) -> None:
    prior = _prior_period(world)
    _incidents(world.officer, world.school, arrests=1, diversions=1, day=datetime.date(2025, 10, 1))
    _incidents(world.officer, world.school, arrests=1, diversions=3, day=datetime.date(2026, 10, 1))
    before = _signed(world, prior, 2)
    now = _signed(world, world.period, 3)

    summary = _summary(world)

    assert summary["comparisons"]["columns"] == ["Measure", "Officer", "District", "Prior period"]
    assert "2025-26" in summary["comparisons"]["title"]
    rows = _rows(summary)
    assert rows[RUBRIC] == [float(now.overall_score), None, float(before.overall_score)]
    assert rows[ALTERNATIVES][0] == 75.0
    assert rows[ALTERNATIVES][2] == 50.0
    trends = {chart["key"]: chart for chart in summary["trends"]}
    assert trends["trend_rubric_score"]["labels"] == ["2025-26", "2026-27"]
    assert trends["trend_rubric_score"]["values"] == [2.0, 3.0]
    assert trends["trend_alternatives_share"]["values"] == [50.0, 75.0]
    assert "trend_survey_favourable" not in trends  # no survey in either period
    assert any("2025-26" in sentence for sentence in summary["narrative"])


def test_without_a_prior_period_or_its_figures_no_prior_column_and_no_trend(world) -> None:
    _incidents(world.officer, world.school, arrests=1, diversions=1, day=datetime.date(2026, 10, 1))
    alone = _summary(world)
    _prior_period(world)  # a period before, but nothing about this officer in it
    empty_prior = _summary(world)

    for summary in (alone, empty_prior):
        assert summary["comparisons"]["columns"] == ["Measure", "Officer", "District"]
        assert all(len(row) == 3 for row in summary["comparisons"]["rows"])
        assert summary["trends"] == []
        assert not any("2025-26" in sentence for sentence in summary["narrative"])


def _numbers(value) -> set[float]:
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, int | float):
        return {round(float(value), 2)}
    if isinstance(value, str):
        return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", value)}
    if isinstance(value, dict):
        return set().union(*map(_numbers, value.values())) if value else set()
    found = {float(len(value))}
    return found.union(*map(_numbers, value)) if value else found


def test_the_narrative_states_only_figures_the_summary_holds(world) -> None:
    prior = _prior_period(world)
    _incidents(world.officer, world.school, arrests=2, diversions=5, day=datetime.date(2026, 10, 1))
    _incidents(world.officer, world.school, arrests=1, diversions=1, day=datetime.date(2025, 10, 1))
    _signed(world, prior, 2)
    _signed(world, world.period, 3)

    summary = _summary(world)
    held = _numbers({key: value for key, value in summary.items() if key != "narrative"})

    assert summary["narrative"]
    for sentence in summary["narrative"]:
        stated = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", sentence)}
        assert stated <= held, sentence


def test_a_relative_rate_built_on_two_arrests_carries_a_caution(world) -> None:
    enrollment_of(
        world.school,
        world.period,
        {"all": 1000, "race_ethnicity:black": 100, "race_ethnicity:white": 900},
    )
    for _ in range(2):
        incident_with(
            ActionType.ARREST, officer=world.officer, school=world.school, race_ethnicity="black"
        )
    for _ in range(12):
        incident_with(
            ActionType.DIVERSION, officer=world.officer, school=world.school, race_ethnicity="white"
        )

    cautions = _summary(world)["cautions"]

    assert len(cautions) == 1
    assert "rests on 2 arrests" in cautions[0]
    assert "Black" in cautions[0] or "black" in cautions[0]


def test_a_share_on_few_incidents_carries_a_caution_and_many_do_not(world) -> None:
    _incidents(world.officer, world.school, arrests=1, diversions=2, day=datetime.date(2026, 10, 1))
    few = _summary(world)["cautions"]
    _incidents(world.officer, world.school, arrests=3, diversions=4, day=datetime.date(2026, 11, 1))
    many = _summary(world)["cautions"]

    assert few == ["The share handled with an alternative rests on 3 incidents with an outcome."]
    assert many == []


def _queries(officer_ids: list[int], period) -> int:
    with CaptureQueriesContext(connection) as captured:
        assemble_snapshots(officer_ids=officer_ids, period=period)
    return len(captured)


def test_the_summary_with_prior_periods_costs_the_same_queries_for_a_batch(world) -> None:
    for year in (2024, 2025):
        EvaluationPeriodFactory(
            district=world.district,
            name=f"{year}-{str(year + 1)[-2:]}",
            start_date=datetime.date(year, 8, 1),
            end_date=datetime.date(year + 1, 7, 31),
        )
    _signed(world, world.period, 3)
    one = _queries([world.officer.pk], world.period)
    others = [
        AssignmentFactory(school=world.school, officer__agency=world.agency).officer
        for _ in range(8)
    ]
    for officer in others:
        _incidents(officer, world.school, arrests=1, diversions=1, day=datetime.date(2025, 10, 1))

    assert _queries([world.officer.pk, *[o.pk for o in others]], world.period) == one


def test_training_is_set_beside_the_mean_share_of_the_districts_officers(world) -> None:
    from roster.models import MOU
    from tests.factories.roster import MOUFactory
    from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory

    mou = MOU.objects.get(district=world.district, agency=world.agency)
    courses = [CourseFactory(), CourseFactory()]
    for course in courses:
        RequirementFactory(mou=mou, course=course)
    peer = AssignmentFactory(school=world.school, officer__agency=world.agency).officer
    # Serving in another district under the same requirements, with none met: must not count.
    outside = AssignmentFactory(officer__agency=world.agency)
    RequirementFactory(
        mou=MOUFactory(district=outside.school.district, agency=world.agency), course=courses[0]
    )
    done = datetime.date(2026, 9, 1)
    RecordFactory(officer=world.officer, course=courses[0], completed_on=done)
    RecordFactory(officer=world.officer, course=courses[1], completed_on=done)
    RecordFactory(officer=peer, course=courses[0], completed_on=done)

    rows = _rows(_summary(world))

    officer, district = rows["Training: % of requirements met"][:2]
    assert officer == 100
    # The officer meets 2 of 2 (100%), the peer 1 of 2 (50%): the district's mean is 75.
    assert district == 75
