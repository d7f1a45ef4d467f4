"""Each supervisor's reminder uses their district's window, not a fixed 30 days."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    supervisor_of,
)
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from training_records.notifications import training_reminders_send

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2026, 11, 27)


def test_each_supervisor_hears_of_training_due_within_their_districts_window() -> None:
    agency = AgencyFactory()
    brief = DistrictFactory(code="NORTH", training_reminder_days=10)
    long = DistrictFactory(code="WEST", training_reminder_days=60)
    mou = MOUFactory(district=brief, agency=agency, effective_date=D(2024, 7, 1), end_date=None)
    MOUFactory(district=long, agency=agency, effective_date=D(2024, 7, 1), end_date=None)
    course = CourseFactory(title="Annual de-escalation refresher")
    RequirementFactory(mou=mou, course=course, refresh_months=12)
    officer = OfficerFactory(agency=agency, last_name="Okafor")
    AssignmentFactory(
        officer=officer, school=SchoolFactory(district=brief), start_date=D(2024, 8, 1)
    )
    # Due 2026-12-27: thirty days after ON, outside ten days, inside sixty.
    RecordFactory(officer=officer, course=course, completed_on=D(2025, 12, 27))
    supervisor_of(agency, brief, username="north-sgt", email="sgt@north.example")
    supervisor_of(agency, long, username="west-sgt", email="sgt@west.example")

    sent = training_reminders_send(on=ON)

    assert sent == 1
    assert mail.outbox[0].to == ["sgt@west.example"]
    assert "due within 60 days" in mail.outbox[0].body
    assert "Annual de-escalation refresher: due 2026-12-27" in mail.outbox[0].body


def test_the_window_is_counted_in_whole_days_up_to_and_including_its_last_day() -> None:
    agency = AgencyFactory()
    district = DistrictFactory(training_reminder_days=30)
    mou = MOUFactory(district=district, agency=agency, effective_date=D(2024, 7, 1), end_date=None)
    course = CourseFactory(title="Civil rights refresher")
    RequirementFactory(mou=mou, course=course, refresh_months=12)
    officer = OfficerFactory(agency=agency)
    AssignmentFactory(
        officer=officer, school=SchoolFactory(district=district), start_date=D(2024, 8, 1)
    )
    RecordFactory(officer=officer, course=course, completed_on=D(2025, 12, 27))  # due in 30 days
    supervisor_of(agency, district, username="sgt", email="sgt@pd.example")

    assert training_reminders_send(on=ON) == 1
    district.training_reminder_days = 29
    district.save()
    assert training_reminders_send(on=ON) == 0
    assert len(mail.outbox) == 1
