"""The training section: standing against each requirement, and hours by category."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from packets.assembler import assemble_snapshots
from roster.models import MOU
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from training_records.models import Category

pytestmark = pytest.mark.django_db


def test_the_training_section_has_each_requirement_and_the_hours_of_the_period(world) -> None:
    course = CourseFactory(
        code="DEESC", title="De-escalation", category=Category.DE_ESCALATION, hours=Decimal("8")
    )
    RequirementFactory(
        mou=MOU.objects.get(district=world.district, agency=world.agency), course=course
    )
    RecordFactory(
        officer=world.officer,
        course=course,
        completed_on=datetime.date(2026, 9, 10),
        hours=Decimal("8"),
    )
    RecordFactory(
        officer=world.officer,
        course=CourseFactory(category=Category.BIAS),
        completed_on=datetime.date(2026, 10, 1),
        hours=Decimal("2.5"),
    )
    RecordFactory(
        officer=world.officer,
        course=course,
        completed_on=datetime.date(2025, 9, 10),
        hours=Decimal("8"),
    )

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    training = next(s for s in snapshot["sections"] if s["key"] == "training")
    [requirement] = training["tables"][0]["rows"]
    assert requirement[3] == "Met"
    assert requirement[1] == "De-escalation and crisis intervention", (
        "the category's name, not its stored value"
    )
    assert training["tables"][0]["columns"][-1] == "Hours counted"
    hours = dict(map(tuple, training["tables"][1]["rows"]))
    assert hours["Total"] == 10.5
    assert hours["Bias and procedural justice"] == 2.5
    chart = next(c for c in snapshot["summary"]["charts"] if c["key"] == "training_hours")
    assert sum(chart["values"]) == 10.5
    assert ["Training hours in the period", 10.5] in snapshot["summary"]["facts"]


def test_an_officer_without_requirements_says_so(world) -> None:
    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    training = next(s for s in snapshot["sections"] if s["key"] == "training")
    assert training["notes"][0] == "No training requirement applies to this officer."
    assert ["Training compliance", "No requirements"] in snapshot["summary"]["facts"]
