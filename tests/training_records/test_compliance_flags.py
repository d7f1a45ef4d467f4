"""The flags' training rule reads compliance through the contract, so a newly
assigned officer whose refresher lapsed before the assignment is flagged at once."""

from __future__ import annotations

import datetime

import pytest

from flags.models import Flag, FlagSeverity
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from tests.factories.roster import (
    AssignmentFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
)
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_newcomer_with_a_refresher_lapsed_before_the_assignment_is_flagged_at_once() -> None:
    mou = MOUFactory(effective_date=D(2024, 7, 1), end_date=None)
    EvaluationPeriodFactory(
        district=mou.district, name="2026-27", start_date=D(2026, 8, 1), end_date=D(2027, 7, 31)
    )
    course = CourseFactory(title="Annual de-escalation refresher")
    RequirementFactory(mou=mou, course=course, initial=False, refresh_months=12)
    flags_install_defaults(district=mou.district)
    newcomer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(
        officer=newcomer, school=SchoolFactory(district=mou.district), start_date=D(2025, 11, 1)
    )
    RecordFactory(officer=newcomer, course=course, completed_on=D(2023, 3, 15))

    flags_evaluate_district(district=mou.district, on=D(2026, 12, 1))

    flag = Flag.objects.get(rule__code="training-overdue", officer=newcomer)
    assert flag.severity == FlagSeverity.REVIEW
    assert flag.evidence["value"] == "395"
