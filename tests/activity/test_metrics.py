"""Metrics on a small dataset checked by hand (see the comments for each figure)."""

from __future__ import annotations

import datetime

import pytest

from activity.models import ActionType, ComplaintStatus
from activity.selectors import activity_metrics_for_officers, district_activity_figures
from tests.factories.activity import ComplaintFactory, enrollment_of, incident_with
from tests.factories.roster import (
    AssignmentFactory,
    EvaluationPeriodFactory,
    OfficerFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    school = SchoolFactory(enrollment=999)
    period = EvaluationPeriodFactory(district=school.district)
    officer = OfficerFactory()
    AssignmentFactory(officer=officer, school=school)
    enrollment_of(
        school,
        period,
        {
            "all": 1000,
            "race_ethnicity:black": 200,
            "race_ethnicity:white": 500,
            "race_ethnicity:hispanic": 300,
            "sex:male": 520,
            "sex:female": 480,
        },
    )
    at = {"officer": officer, "school": school}
    incident_with("arrest", "search", race_ethnicity="black", **at)  # 1 formal
    incident_with("arrest", race_ethnicity="black", **at)  # 2 formal
    incident_with("arrest", race_ethnicity="white", sex="female", **at)  # 3 formal
    incident_with("warning", race_ethnicity="hispanic", **at)  # 4 alternative
    incident_with("restorative_conference", "counselor_referral", **at)  # 5 alternative
    incident_with(
        "referral", "family_conference", race_ethnicity="black", **at
    )  # 6 formal despite alt
    incident_with("search", **at)  # 7 no outcome
    incident_with(
        "use_of_force", "citation", force_level=2, race_ethnicity="hispanic", **at
    )  # 8 formal
    incident_with("diversion", ordinary_discipline=True, **at)  # 9 alternative
    incident_with("arrest", date=datetime.date(2026, 7, 15), **at)  # before the period
    ComplaintFactory(
        school=school,
        officer=officer,
        status=ComplaintStatus.SUSTAINED,
        findings="Shoved a student.",
        received_date=datetime.date(2026, 10, 1),
        closed_on=datetime.date(2026, 12, 1),
        allegations=["force"],
    )
    ComplaintFactory(
        school=school,
        officer=officer,
        status=ComplaintStatus.UNFOUNDED,
        findings="Video shows otherwise.",
        closed_on=datetime.date(2026, 11, 1),
    )
    ComplaintFactory(school=school, officer=officer, status=ComplaintStatus.INVESTIGATING)
    return officer, period


def test_counts_and_the_alternatives_share_match_the_hand_count(dataset) -> None:
    officer, period = dataset

    metrics = activity_metrics_for_officers(officer_ids=[officer.pk], period=period)[officer.pk]

    assert metrics.incidents == 9
    assert metrics.counts_by_type[ActionType.ARREST] == 3
    assert metrics.counts_by_type[ActionType.SEARCH] == 2
    assert metrics.counts_by_type[ActionType.CITATION] == 1
    assert metrics.counts_by_type[ActionType.SUMMONS] == 0
    # Outcomes on incidents 1-6, 8, 9 (7 had only a search); alternatives alone on 4, 5, 9.
    assert metrics.incidents_with_outcome == 8
    assert metrics.handled_with_alternative == 3
    assert metrics.alternatives_share == pytest.approx(3 / 8)
    assert metrics.ordinary_discipline_count == 1
    assert metrics.highest_force_level == 2


def test_rates_per_1000_use_the_enrollment_of_the_officers_schools(dataset) -> None:
    officer, period = dataset

    metrics = activity_metrics_for_officers(officer_ids=[officer.pk], period=period)[officer.pk]

    assert metrics.enrollment == 1000  # the "all" row wins over the school's own 999
    assert metrics.arrests_per_1000 == pytest.approx(3.0)
    assert metrics.referrals_per_1000 == pytest.approx(1.0)


def test_relative_rate_is_share_of_arrests_over_share_of_enrollment(dataset) -> None:
    officer, period = dataset

    rates = activity_metrics_for_officers(officer_ids=[officer.pk], period=period)[
        officer.pk
    ].relative_rates

    # Black students: 2 of 3 arrests, 200 of 1000 enrolled -> (2/3) / 0.2.
    assert rates["race_ethnicity:black"].relative_rate == pytest.approx(10 / 3)
    assert rates["race_ethnicity:white"].relative_rate == pytest.approx((1 / 3) / 0.5)
    assert rates["race_ethnicity:hispanic"].relative_rate == pytest.approx(0.0)
    assert rates["race_ethnicity:asian"].relative_rate is None  # nobody enrolled: no rate
    assert rates["sex:male"].relative_rate == pytest.approx((2 / 3) / 0.52)
    assert rates["sex:female"].relative_rate == pytest.approx((1 / 3) / 0.48)
    assert rates["race_ethnicity:black"].referrals == 1


def test_complaints_come_by_outcome_with_dates_for_sustained_ones(dataset) -> None:
    officer, period = dataset

    metrics = activity_metrics_for_officers(officer_ids=[officer.pk], period=period)[officer.pk]

    assert metrics.complaints_by_outcome[ComplaintStatus.SUSTAINED] == 1
    assert metrics.complaints_by_outcome[ComplaintStatus.UNFOUNDED] == 1
    assert metrics.complaints_by_outcome[ComplaintStatus.INVESTIGATING] == 1
    assert metrics.complaints_total == 3
    [sustained] = metrics.sustained_complaints
    assert (sustained.received_date, sustained.closed_on, sustained.allegations) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 1),
        ("force",),
    )


def test_an_officer_without_activity_still_gets_an_entry(dataset) -> None:
    _, period = dataset
    idle = OfficerFactory()

    metrics = activity_metrics_for_officers(officer_ids=[idle.pk], period=period)[idle.pk]

    assert (metrics.incidents, metrics.alternatives_share, metrics.arrests_per_1000) == (
        0,
        None,
        None,
    )
    assert metrics.highest_force_level is None


def test_the_contract_runs_a_fixed_number_of_queries(
    dataset, django_assert_max_num_queries
) -> None:
    officer, period = dataset
    others = []
    for _ in range(6):
        other = OfficerFactory()
        school = SchoolFactory(district=period.district)
        AssignmentFactory(officer=other, school=school)
        incident_with("arrest", "use_of_force", force_level=1, officer=other, school=school)
        ComplaintFactory(
            school=school,
            officer=other,
            status=ComplaintStatus.SUSTAINED,
            findings="x",
            closed_on=datetime.date(2026, 12, 1),
        )
        others.append(other.pk)

    with django_assert_max_num_queries(8):
        result = activity_metrics_for_officers(officer_ids=[officer.pk, *others], period=period)
    with django_assert_max_num_queries(9):
        figures = district_activity_figures(district=period.district, period=period)

    assert len(result) == 7
    assert figures.officer_count == 7
    assert figures.per_officer[others[0]].highest_force_level == 1


def test_district_figures_give_medians_and_percentiles(dataset) -> None:
    _officer, period = dataset
    # A second officer at a 500-student school with one arrest: 2 per 1,000.
    school = SchoolFactory(district=period.district)
    enrollment_of(school, period, {"all": 500})
    second = OfficerFactory()
    AssignmentFactory(officer=second, school=school)
    incident_with("arrest", officer=second, school=school)

    figures = district_activity_figures(district=period.district, period=period)

    assert figures.officer_count == 2
    assert figures.medians["arrests_per_1000"] == pytest.approx(2.5)
    assert figures.percentiles["arrests_per_1000"][90] == pytest.approx(2.9)
    assert figures.percentile_rank("arrests_per_1000", 3.0) == pytest.approx(100)
