"""Compliance on edge dates, and the cross-app contract's fixed query count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.factories.roster import AssignmentFactory, MOUFactory, OfficerFactory, SchoolFactory
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from training_records.models import Category
from training_records.selectors import compliance_for_officers, training_hours_by_category

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def mou():
    return MOUFactory(effective_date=D(2020, 7, 1), end_date=D(2030, 6, 30))


@pytest.fixture
def officer(mou):
    officer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(
        officer=officer, school=SchoolFactory(district=mou.district), start_date=D(2025, 8, 1)
    )
    return officer


def _one(officer, on):
    standing = compliance_for_officers(officer_ids=[officer.pk], on=on)[officer.pk]
    assert len(standing.requirements) == 1
    return standing.requirements[0]


def test_a_refresher_exactly_n_months_old_is_due_today_not_overdue(mou, officer) -> None:
    course = CourseFactory(code="CR-4", category=Category.CIVIL_RIGHTS)
    RequirementFactory(mou=mou, course=course, refresh_months=12)
    RecordFactory(officer=officer, course=course, completed_on=D(2025, 11, 27))

    today = _one(officer, D(2026, 11, 27))
    tomorrow = _one(officer, D(2026, 11, 28))

    assert (today.status, today.due_date, today.overdue_days) == ("due_soon", D(2026, 11, 27), 0)
    assert (tomorrow.status, tomorrow.overdue_since, tomorrow.overdue_days) == (
        "overdue",
        D(2026, 11, 28),
        1,
    )


def test_due_soon_starts_sixty_days_before_the_due_date(mou, officer) -> None:
    course = CourseFactory(code="BIAS-4", category=Category.BIAS)
    RequirementFactory(mou=mou, course=course, refresh_months=12)
    RecordFactory(officer=officer, course=course, completed_on=D(2026, 3, 1))

    assert _one(officer, D(2026, 12, 30)).status == "met"
    assert _one(officer, D(2026, 12, 31)).status == "due_soon"  # 60 days before
    assert _one(officer, D(2027, 3, 1)).status == "due_soon"
    assert _one(officer, D(2027, 3, 2)).status == "overdue"


def test_an_assignment_starting_before_initial_training_is_overdue_until_the_training(
    mou, officer
) -> None:
    course = CourseFactory(code="SRO-101", category=Category.SRO_FOUNDATIONS)
    RequirementFactory(mou=mou, course=course, initial=True)
    RecordFactory(officer=officer, course=course, completed_on=D(2025, 9, 15), hours=Decimal("40"))

    before = _one(officer, D(2025, 5, 1))
    on_start = _one(officer, D(2025, 8, 1))
    after_start = _one(officer, D(2025, 9, 14))
    trained = _one(officer, D(2025, 9, 15))

    assert (before.status, before.due_date) == ("missing", D(2025, 8, 1))
    assert (on_start.status, on_start.due_date) == ("due_soon", D(2025, 8, 1))
    assert (after_start.status, after_start.overdue_since, after_start.overdue_days) == (
        "overdue",
        D(2025, 8, 2),
        44,
    )
    assert (trained.status, trained.due_date) == ("met", None)


def test_a_requirement_without_deadline_or_training_is_missing(mou, officer) -> None:
    RequirementFactory(
        mou=mou, course=None, category=Category.RESTORATIVE_JUSTICE, min_hours=Decimal("8")
    )

    item = _one(officer, D(2026, 11, 27))

    assert (item.status, item.due_date, item.label) == ("missing", None, "Restorative justice")


def test_category_hours_in_the_refresher_period_must_reach_the_minimum(mou, officer) -> None:
    RequirementFactory(
        mou=mou,
        course=None,
        category=Category.DE_ESCALATION,
        min_hours=Decimal("16"),
        refresh_months=24,
    )
    RecordFactory(
        officer=officer,
        course=CourseFactory(code="ICAT-16"),
        completed_on=D(2024, 1, 10),
        hours=Decimal("8"),
    )
    RecordFactory(
        officer=officer,
        course=CourseFactory(code="CIT-8"),
        completed_on=D(2025, 6, 1),
        hours=Decimal("8"),
    )

    item = _one(officer, D(2025, 12, 1))

    # 16 hours are reached counting back to 2024-01-10, so they lapse 24 months later.
    assert (item.status, item.due_date, item.hours_in_period) == (
        "due_soon",
        D(2026, 1, 10),
        Decimal("16"),
    )
    assert _one(officer, D(2026, 1, 11)).status == "overdue"


def test_a_lapsed_refresher_is_due_on_the_day_the_assignment_starts(mou) -> None:
    course = CourseFactory(code="FERPA-2", category=Category.PRIVACY)
    RequirementFactory(mou=mou, course=course, initial=True, refresh_months=12)
    officer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(
        officer=officer, school=SchoolFactory(district=mou.district), start_date=D(2026, 8, 1)
    )
    RecordFactory(officer=officer, course=course, completed_on=D(2024, 1, 1))

    item = _one(officer, D(2026, 8, 3))

    assert (item.status, item.due_date, item.overdue_days) == ("overdue", D(2026, 8, 1), 2)


def test_worst_status_and_max_overdue_days_summarise_the_officer(mou, officer) -> None:
    met = CourseFactory(code="A-1")
    late = CourseFactory(code="B-1")
    RequirementFactory(mou=mou, course=met)
    RequirementFactory(mou=mou, course=late, refresh_months=6)
    RecordFactory(officer=officer, course=met, completed_on=D(2026, 1, 1))
    RecordFactory(officer=officer, course=late, completed_on=D(2026, 1, 1))

    standing = compliance_for_officers(officer_ids=[officer.pk], on=D(2026, 7, 11))[officer.pk]

    assert standing.worst_status == "overdue"
    assert standing.max_overdue_days == 10
    assert [r.status for r in standing.requirements] == ["overdue", "met"]


def test_an_officer_with_no_requirements_still_gets_an_entry() -> None:
    officer = OfficerFactory()

    standing = compliance_for_officers(officer_ids=[officer.pk], on=D(2026, 1, 1))

    assert standing[officer.pk].requirements == ()
    assert standing[officer.pk].worst_status == "met"


def test_requirements_of_an_mou_not_in_force_do_not_apply(mou, officer) -> None:
    expired = MOUFactory(
        district=mou.district,
        agency=mou.agency,
        effective_date=D(2018, 1, 1),
        end_date=D(2019, 12, 31),
    )
    RequirementFactory(mou=expired)

    assert (
        compliance_for_officers(officer_ids=[officer.pk], on=D(2026, 1, 1))[officer.pk].requirements
        == ()
    )


def test_compliance_takes_a_fixed_number_of_queries(mou, django_assert_max_num_queries) -> None:
    courses = [CourseFactory(code=f"Q-{i}") for i in range(3)]
    for course in courses:
        RequirementFactory(mou=mou, course=course, refresh_months=12)
    officers = [OfficerFactory(agency=mou.agency) for _ in range(25)]
    for officer in officers:
        AssignmentFactory(officer=officer, school=SchoolFactory(district=mou.district))
        for course in courses:
            RecordFactory(officer=officer, course=course, completed_on=D(2026, 2, 1))

    with django_assert_max_num_queries(4):
        result = compliance_for_officers(officer_ids=[o.pk for o in officers], on=D(2026, 6, 1))

    assert len(result) == 25
    assert all(c.worst_status == "met" for c in result.values())


def test_hours_by_category_counts_the_period_in_one_query(
    mou, officer, django_assert_max_num_queries
) -> None:
    other = OfficerFactory(agency=mou.agency)
    RecordFactory(
        officer=officer,
        course=CourseFactory(code="RJ-8", category=Category.RESTORATIVE_JUSTICE),
        completed_on=D(2026, 9, 1),
        hours=Decimal("8"),
    )
    RecordFactory(
        officer=officer,
        course=CourseFactory(code="CR-4", category=Category.CIVIL_RIGHTS),
        completed_on=D(2026, 7, 31),
        hours=Decimal("4"),
    )

    with django_assert_max_num_queries(1):
        hours = training_hours_by_category(
            officer_ids=[officer.pk, other.pk], start=D(2026, 8, 1), end=D(2027, 7, 31)
        )

    assert hours[officer.pk]["restorative_justice"] == Decimal("8")
    assert hours[officer.pk]["civil_rights"] == Decimal("0")
    assert set(hours[other.pk].values()) == {Decimal("0")}


def test_only_the_mous_of_the_districts_the_officer_serves_in_apply(mou, officer) -> None:
    elsewhere = MOUFactory(agency=mou.agency, effective_date=D(2020, 7, 1), end_date=D(2030, 6, 30))
    RequirementFactory(mou=mou, course=CourseFactory(code="HOME-1"))
    RequirementFactory(mou=elsewhere, course=CourseFactory(code="AWAY-1"))
    unassigned = OfficerFactory(agency=mou.agency)

    standings = compliance_for_officers(officer_ids=[officer.pk, unassigned.pk], on=D(2026, 1, 1))

    assert [r.course_code for r in standings[officer.pk].requirements] == ["HOME-1"]
    assert sorted(r.course_code for r in standings[unassigned.pk].requirements) == [
        "AWAY-1",
        "HOME-1",
    ]


def test_the_contract_returns_plain_frozen_values(mou, officer) -> None:
    import dataclasses
    import json

    RequirementFactory(mou=mou, course=CourseFactory(code="P-1"))

    standing = compliance_for_officers(officer_ids=[officer.pk], on=D(2026, 1, 1))[officer.pk]

    assert type(standing.worst_status) is str
    assert type(standing.requirements[0].status) is str
    with pytest.raises(dataclasses.FrozenInstanceError):
        standing.worst_status = "met"
    assert (
        json.loads(json.dumps(dataclasses.asdict(standing), default=str))["worst_status"]
        == "missing"
    )


# A requirement that lapsed before the officer's first assignment -------------------


def _newcomer(mou, *, start: datetime.date):
    officer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(
        officer=officer, school=SchoolFactory(district=mou.district), start_date=start
    )
    return officer


def test_a_refresher_that_lapsed_before_the_assignment_is_due_on_its_first_day(mou) -> None:
    course = CourseFactory(code="DEESC-8", category=Category.DE_ESCALATION)
    RequirementFactory(mou=mou, course=course, initial=False, refresh_months=12)
    newcomer = _newcomer(mou, start=D(2025, 11, 1))
    RecordFactory(officer=newcomer, course=course, completed_on=D(2023, 3, 15))

    item = _one(newcomer, D(2026, 12, 1))

    assert (item.status, item.due_date, item.overdue_since, item.overdue_days) == (
        "overdue",
        D(2025, 11, 1),
        D(2025, 11, 2),
        395,
    )


def test_a_refresher_that_lapses_after_the_assignment_started_keeps_its_own_due_date(
    mou,
) -> None:
    course = CourseFactory(code="DEESC-8", category=Category.DE_ESCALATION)
    RequirementFactory(mou=mou, course=course, initial=False, refresh_months=12)
    newcomer = _newcomer(mou, start=D(2025, 11, 1))
    RecordFactory(officer=newcomer, course=course, completed_on=D(2025, 3, 15))

    item = _one(newcomer, D(2026, 4, 1))

    assert (item.status, item.due_date, item.overdue_since, item.overdue_days) == (
        "overdue",
        D(2026, 3, 15),
        D(2026, 3, 16),
        17,
    )


def test_an_initial_requirement_never_completed_is_due_on_the_first_day(mou) -> None:
    course = CourseFactory(code="SRO-101", category=Category.SRO_FOUNDATIONS)
    RequirementFactory(mou=mou, course=course, initial=True, refresh_months=None)
    newcomer = _newcomer(mou, start=D(2025, 11, 1))

    item = _one(newcomer, D(2025, 11, 11))

    assert (item.status, item.due_date, item.overdue_days) == ("overdue", D(2025, 11, 1), 10)


def test_a_non_initial_requirement_never_completed_stays_missing_without_a_deadline(
    mou,
) -> None:
    course = CourseFactory(code="DEESC-8", category=Category.DE_ESCALATION)
    RequirementFactory(mou=mou, course=course, initial=False, refresh_months=12)
    newcomer = _newcomer(mou, start=D(2025, 11, 1))

    item = _one(newcomer, D(2026, 12, 1))

    assert (item.status, item.due_date, item.overdue_days) == ("missing", None, 0)


def test_the_first_assignment_in_the_district_counts_not_the_latest(mou) -> None:
    course = CourseFactory(code="DEESC-8", category=Category.DE_ESCALATION)
    RequirementFactory(mou=mou, course=course, initial=False, refresh_months=12)
    newcomer = _newcomer(mou, start=D(2025, 11, 1))
    AssignmentFactory(
        officer=newcomer, school=SchoolFactory(district=mou.district), start_date=D(2026, 8, 1)
    )
    RecordFactory(officer=newcomer, course=course, completed_on=D(2023, 3, 15))

    assert _one(newcomer, D(2026, 12, 1)).due_date == D(2025, 11, 1)
