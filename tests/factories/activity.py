"""Factories for enforcement activity, enrollment and complaints, and out-of-scope builders."""

from __future__ import annotations

import datetime

import factory

from activity.models import (
    ActionType,
    ActivityImport,
    Allegation,
    Complaint,
    ComplaintAttachment,
    ComplaintSource,
    ComplaintStatus,
    Dimension,
    EnforcementAction,
    Enrollment,
    Incident,
    OffenseCategory,
    PublishedReport,
)
from activity.services.complaints import hash_tracking_code, new_tracking_code
from tests.factories.roster import (
    EvaluationPeriodFactory,
    OfficerFactory,
    SchoolFactory,
    UserFactory,
)
from tests.scoping import out_of_scope


class IncidentFactory(factory.django.DjangoModelFactory[Incident]):
    class Meta:
        model = Incident

    officer = factory.SubFactory(OfficerFactory)
    agency = factory.LazyAttribute(lambda o: o.officer.agency)
    school = factory.SubFactory(SchoolFactory)
    incident_number = factory.Sequence(lambda n: f"26-{n:05d}")
    date = datetime.date(2026, 10, 1)
    offense_category = OffenseCategory.DISORDERLY
    ordinary_discipline = False
    race_ethnicity = "white"
    sex = "male"
    disability = "none"
    english_learner = "not_el"
    grade = "10"


class EnforcementActionFactory(factory.django.DjangoModelFactory[EnforcementAction]):
    class Meta:
        model = EnforcementAction

    incident = factory.SubFactory(IncidentFactory)
    action_type = ActionType.WARNING
    force_level = None


def incident_with(*action_types: str, force_level: int | None = None, **fields) -> Incident:
    """An incident and its actions; ``use_of_force`` gets ``force_level``."""
    incident = IncidentFactory(**fields)
    for action_type in action_types:
        EnforcementActionFactory(
            incident=incident,
            action_type=action_type,
            force_level=force_level if action_type == ActionType.USE_OF_FORCE else None,
        )
    return incident


class EnrollmentFactory(factory.django.DjangoModelFactory[Enrollment]):
    class Meta:
        model = Enrollment
        django_get_or_create = ("school", "period", "dimension", "group")

    school = factory.SubFactory(SchoolFactory)
    period = factory.SubFactory(EvaluationPeriodFactory)
    dimension = Dimension.ALL
    group = "all"
    students = 1000


def enrollment_of(school, period, figures: dict[str, int]) -> None:
    """``figures`` maps "dimension:group" (or "all") to students."""
    for key, students in figures.items():
        dimension, _, group = key.partition(":")
        EnrollmentFactory(
            school=school,
            period=period,
            dimension=dimension,
            group=group or "all",
            students=students,
        )


class ComplaintFactory(factory.django.DjangoModelFactory[Complaint]):
    class Meta:
        model = Complaint

    district = factory.LazyAttribute(lambda o: o.school.district if o.school else None)
    school = factory.SubFactory(SchoolFactory)
    officer = None
    received_date = datetime.date(2026, 10, 5)
    source = ComplaintSource.FAMILY
    allegations = factory.LazyFunction(lambda: [Allegation.DISCOURTESY])
    account = "The officer shouted at my son in the hallway."
    contact_name = "A. Parent"
    status = ComplaintStatus.RECEIVED
    tracking_code_hash = factory.LazyFunction(lambda: hash_tracking_code(new_tracking_code()))


@out_of_scope(Incident)
def _incident(world):
    return IncidentFactory(officer=world.other_officer, school=world.other_school)


@out_of_scope(EnforcementAction)
def _action(world):
    return EnforcementActionFactory(
        incident=IncidentFactory(officer=world.other_officer, school=world.other_school)
    )


@out_of_scope(Complaint)
def _complaint(world):
    return ComplaintFactory(school=world.other_school, officer=world.other_officer)


@out_of_scope(Enrollment)
def _enrollment(world):
    return EnrollmentFactory(school=world.other_school, period=world.other_period)


@out_of_scope(ActivityImport)
def _activity_import(world):
    return ActivityImport.objects.create(
        district=world.other_district, uploaded_by=UserFactory(), filename="x.csv", data=b"x"
    )


@out_of_scope(PublishedReport)
def _published_report(world):
    from activity.services.reports import report_publish
    from tests.factories.roster import coordinator_of

    # A period of its own: the other district's main period stays unpublished, so its
    # public report page is one more thing nobody may reach.
    period = EvaluationPeriodFactory(district=world.other_district)
    report_publish(
        district=world.other_district, period=period, actor=coordinator_of(world.other_district)
    )
    return PublishedReport.objects.get(period=period)


@out_of_scope(ComplaintAttachment)
def _complaint_attachment(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return ComplaintAttachment.objects.create(
        complaint=world.outsider_object(Complaint),
        file=SimpleUploadedFile("upload", b"A photo of the hallway."),
        original_name="hallway.txt",
        content_type="text/plain",
        size=23,
    )
