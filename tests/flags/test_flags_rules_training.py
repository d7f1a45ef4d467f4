"""The training rule fires when required training is overdue by more than 30 and 90 days."""

from __future__ import annotations

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from flags.models import Flag, FlagSeverity
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
)
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 16)


def test_required_training_overdue_fires_above_thirty_and_ninety_days() -> None:
    district = DistrictFactory(code="RUSD")
    EvaluationPeriodFactory(
        district=district,
        name="2026-27",
        start_date=datetime.date(2026, 8, 1),
        end_date=datetime.date(2027, 7, 31),
    )
    school = SchoolFactory(district=district)
    agency = AgencyFactory()
    mou = MOUFactory(
        district=district, agency=agency, effective_date=datetime.date(2024, 7, 1), end_date=None
    )
    course = CourseFactory(title="Annual de-escalation refresher")
    RequirementFactory(mou=mou, course=course, refresh_months=12)
    flags_install_defaults(district=district)

    def overdue_by(days: int):
        # A 12-month refresher completed 12 months and ``days`` days before ON is
        # ``days`` days overdue on ON (training_records.compliance.judge).
        officer = OfficerFactory(agency=agency)
        AssignmentFactory(officer=officer, school=school, start_date=datetime.date(2024, 8, 1))
        RecordFactory(
            officer=officer,
            course=course,
            completed_on=ON - relativedelta(months=12) - datetime.timedelta(days=days),
        )
        return officer

    at = {days: overdue_by(days) for days in (30, 31, 90, 91)}
    flags_evaluate_district(district=district, on=ON)
    flags = dict(
        Flag.objects.filter(rule__code="training-overdue").values_list("officer_id", "severity")
    )
    assert flags == {
        at[31].pk: FlagSeverity.WATCH,
        at[90].pk: FlagSeverity.WATCH,
        at[91].pk: FlagSeverity.REVIEW,
    }
    evidence = Flag.objects.get(officer=at[91]).evidence
    assert evidence["value"] == "91"
    assert evidence["records"][0]["url"] == f"/training/officers/{at[91].pk}/"
