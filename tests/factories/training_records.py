"""Training factories, and how to build training objects the home district can't see."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from roster.models import MOU
from tests.factories.roster import MOUFactory, OfficerFactory, SchoolFactory
from tests.scoping import out_of_scope
from training_records.models import (
    Category,
    Course,
    ImportStatus,
    RecordSource,
    StaffTrainingSession,
    TrainingImport,
    TrainingRecord,
    TrainingRequirement,
)


class CourseFactory(factory.django.DjangoModelFactory[Course]):
    class Meta:
        model = Course
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C-{n:03d}")
    title = factory.LazyAttribute(lambda o: f"Course {o.code}")
    category = Category.DE_ESCALATION
    hours = Decimal("4")
    refresher_months = None


class RequirementFactory(factory.django.DjangoModelFactory[TrainingRequirement]):
    class Meta:
        model = TrainingRequirement

    mou = factory.SubFactory(MOUFactory)
    course = factory.SubFactory(CourseFactory)
    category = ""
    min_hours = Decimal("0")
    initial = False
    refresh_months = None


class RecordFactory(factory.django.DjangoModelFactory[TrainingRecord]):
    class Meta:
        model = TrainingRecord

    officer = factory.SubFactory(OfficerFactory)
    course = factory.SubFactory(CourseFactory)
    completed_on = datetime.date(2026, 1, 15)
    hours = Decimal("4")
    provider = "State POST Academy"
    source = RecordSource.ENTERED


class TrainingImportFactory(factory.django.DjangoModelFactory[TrainingImport]):
    class Meta:
        model = TrainingImport

    agency = factory.SubFactory("tests.factories.roster.AgencyFactory")
    file = factory.LazyFunction(lambda: ContentFile(b"badge,course,date\n", name="log.csv"))
    filename = "log.csv"
    status = ImportStatus.PREVIEWED


class StaffSessionFactory(factory.django.DjangoModelFactory[StaffTrainingSession]):
    class Meta:
        model = StaffTrainingSession

    school = factory.SubFactory(SchoolFactory)
    held_on = datetime.date(2026, 9, 10)
    topic = "When to call the SRO, and when not to"
    attendee_count = 42


@out_of_scope(TrainingRecord)
def _record(world):
    return RecordFactory(officer=world.other_officer)


@out_of_scope(TrainingRequirement)
def _requirement(world):
    return RequirementFactory(mou=MOU.objects.get(district=world.other_district))


@out_of_scope(TrainingImport)
def _import(world):
    return TrainingImportFactory(agency=world.other_agency)


@out_of_scope(StaffTrainingSession)
def _staff_session(world):
    return StaffSessionFactory(school=world.other_school)
