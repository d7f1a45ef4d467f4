"""Each default activity rule fires at its threshold and not just below it (hand-checked data)."""

from __future__ import annotations

import datetime

import pytest

from activity.models import ActionType, ComplaintStatus
from flags.models import Flag, FlagRule, FlagSeverity
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from tests.factories.activity import ComplaintFactory, incident_with
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 16)


class District:
    def __init__(self) -> None:
        self.district = DistrictFactory(code="RUSD")
        self.period = EvaluationPeriodFactory(
            district=self.district,
            name="2026-27",
            start_date=datetime.date(2026, 8, 1),
            end_date=datetime.date(2027, 7, 31),
        )
        self.agency = AgencyFactory()
        MOUFactory(
            district=self.district,
            agency=self.agency,
            effective_date=datetime.date(2024, 7, 1),
            end_date=None,
        )
        flags_install_defaults(district=self.district)

    def officer(self, enrollment: int = 1000):
        """An officer alone at a school of ``enrollment`` students, so rates are hand-checkable."""
        school = SchoolFactory(district=self.district, enrollment=enrollment)
        officer = OfficerFactory(agency=self.agency)
        AssignmentFactory(officer=officer, school=school, start_date=datetime.date(2024, 8, 1))
        officer.school = school
        return officer

    def incidents(self, officer, *actions: str, count: int = 1, **fields) -> None:
        for _ in range(count):
            incident_with(
                *actions,
                officer=officer,
                agency=officer.agency,
                school=officer.school,
                date=datetime.date(2026, 10, 1),
                **fields,
            )

    def evaluate(self, code: str) -> dict[int, str]:
        flags_evaluate_district(district=self.district, on=ON)
        return dict(Flag.objects.filter(rule__code=code).values_list("officer_id", "severity"))


@pytest.fixture
def d() -> District:
    return District()


def test_sustained_complaints_fire_at_two_and_three_in_the_window(d) -> None:
    one, two, three = d.officer(), d.officer(), d.officer()
    for officer, n in ((one, 1), (two, 2), (three, 3)):
        for _ in range(n):
            ComplaintFactory(
                school=officer.school,
                officer=officer,
                status=ComplaintStatus.SUSTAINED,
                received_date=datetime.date(2026, 10, 5),
            )
    ComplaintFactory(
        school=one.school,
        officer=one,
        status=ComplaintStatus.NOT_SUSTAINED,
        received_date=datetime.date(2026, 10, 6),
    )
    assert d.evaluate("sustained-complaints") == {
        two.pk: FlagSeverity.REVIEW,
        three.pk: FlagSeverity.REMOVAL,
    }


def test_the_complaint_window_counts_only_the_last_months(d) -> None:
    officer = d.officer()
    for received in (datetime.date(2026, 9, 1), datetime.date(2026, 10, 20)):
        ComplaintFactory(
            school=officer.school,
            officer=officer,
            status=ComplaintStatus.SUSTAINED,
            received_date=received,
        )
    assert d.evaluate("sustained-complaints") == {officer.pk: FlagSeverity.REVIEW}
    FlagRule.objects.filter(code="sustained-complaints").update(window_months=2)
    flags_evaluate_district(district=d.district, on=ON)
    assert Flag.objects.get(rule__code="sustained-complaints").cleared_at is not None


def test_use_of_force_fires_at_level_two_and_three(d) -> None:
    levels = {level: d.officer() for level in (1, 2, 3)}
    for level, officer in levels.items():
        d.incidents(officer, ActionType.USE_OF_FORCE, force_level=level)
    assert d.evaluate("use-of-force") == {
        levels[2].pk: FlagSeverity.REVIEW,
        levels[3].pk: FlagSeverity.REMOVAL,
    }


def test_alternatives_share_fires_below_fifty_and_twenty_five_percent_with_ten_incidents(d) -> None:
    at_50, at_40, at_25, at_20, too_few = (d.officer() for _ in range(5))
    for officer, alternatives, total in (
        (at_50, 5, 10),
        (at_40, 4, 10),
        (at_25, 5, 20),
        (at_20, 2, 10),
        (too_few, 0, 9),
    ):
        d.incidents(officer, ActionType.RESTORATIVE_CONFERENCE, count=alternatives)
        d.incidents(officer, ActionType.CITATION, count=total - alternatives)
    assert d.evaluate("alternatives-share") == {
        at_40.pk: FlagSeverity.WATCH,
        at_25.pk: FlagSeverity.WATCH,
        at_20.pk: FlagSeverity.REVIEW,
    }


def test_arrest_rate_fires_above_two_and_three_times_the_district_median(d) -> None:
    peers = [d.officer() for _ in range(7)]
    at_2, at_2_01, at_3, at_3_01 = (
        d.officer(),
        d.officer(enrollment=995),
        d.officer(),
        d.officer(enrollment=996),
    )
    for officer, arrests in [
        *((p, 1) for p in peers),
        (at_2, 2),
        (at_2_01, 2),
        (at_3, 3),
        (at_3_01, 3),
    ]:
        d.incidents(officer, ActionType.ARREST, count=arrests)
    # Per 1,000 students: seven peers at 1.0, then 2.0, 2.01, 3.0 and 3.012; the median is 1.0.
    assert d.evaluate("arrest-rate-median") == {
        at_2_01.pk: FlagSeverity.WATCH,
        at_3.pk: FlagSeverity.WATCH,
        at_3_01.pk: FlagSeverity.REVIEW,
    }
    evidence = Flag.objects.get(officer=at_3_01, rule__code="arrest-rate-median").evidence
    assert evidence["value"] == "3.01"
    assert evidence["figures"]["district median per 1,000"] == 1.0


def test_arrest_rate_fires_at_the_ninetieth_and_ninety_ninth_percentile_of_peers(d) -> None:
    officers = [d.officer() for _ in range(10)]
    for arrests, officer in enumerate(officers, start=1):
        d.incidents(officer, ActionType.ARREST, count=arrests)
    # Ten peers with 1..10 arrests per 1,000: the one with 9 is at the 90th percentile,
    # the one with 10 at the 100th, the one with 8 at the 80th.
    assert d.evaluate("arrest-rate-percentile") == {
        officers[8].pk: FlagSeverity.WATCH,
        officers[9].pk: FlagSeverity.REVIEW,
    }


def test_ordinary_discipline_fires_at_one_and_three_incidents(d) -> None:
    none, one, two, three = (d.officer() for _ in range(4))
    d.incidents(none, ActionType.CITATION)
    for officer, n in ((one, 1), (two, 2), (three, 3)):
        d.incidents(officer, ActionType.CITATION, count=n, ordinary_discipline=True)
    assert d.evaluate("ordinary-discipline") == {
        one.pk: FlagSeverity.WATCH,
        two.pk: FlagSeverity.WATCH,
        three.pk: FlagSeverity.REVIEW,
    }
