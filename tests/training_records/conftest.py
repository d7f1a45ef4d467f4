from __future__ import annotations

import datetime

import pytest

from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from training_records.models import Category, Course


@pytest.fixture
def trained(world):
    """The home officer with a basic course (met) and a civil-rights refresher that
    lapsed (overdue); the outsider officer with records the home people must not see."""
    from roster.models import MOU

    mou = MOU.objects.get(district=world.district)
    basic = CourseFactory(
        code="SRO-101",
        title="Basic School Resource Officer Course",
        category=Category.SRO_FOUNDATIONS,
        hours=40,
    )
    rights = CourseFactory(
        code="CR-4",
        title="Civil Rights in Schools",
        category=Category.CIVIL_RIGHTS,
        refresher_months=12,
    )
    RequirementFactory(mou=mou, course=basic, initial=True)
    RequirementFactory(mou=mou, course=rights, refresh_months=12)
    RecordFactory(
        officer=world.officer, course=basic, completed_on=datetime.date(2024, 6, 1), hours=40
    )
    RecordFactory(officer=world.officer, course=rights, completed_on=datetime.date(2024, 9, 1))
    RecordFactory(
        officer=world.other_officer, course=rights, completed_on=datetime.date(2025, 9, 1)
    )
    return world


@pytest.fixture
def course_cr4() -> Course:
    return CourseFactory(code="CR-4", category=Category.CIVIL_RIGHTS)
