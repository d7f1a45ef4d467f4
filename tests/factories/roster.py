from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    Role,
    RosterImport,
    RosterImportStatus,
    School,
)


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.LazyAttribute(lambda o: f"{o.code} School District")


class SchoolFactory(factory.django.DjangoModelFactory[School]):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.LazyAttribute(lambda o: f"School {o.code}")
    level = "high"
    enrollment = 1000


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AG{n:03d}")
    name = factory.LazyAttribute(lambda o: f"{o.code} Police Department")


class OfficerFactory(factory.django.DjangoModelFactory[Officer]):
    class Meta:
        model = Officer

    agency = factory.SubFactory(AgencyFactory)
    badge_number = factory.Sequence(lambda n: str(5000 + n))
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")


class AssignmentFactory(factory.django.DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    officer = factory.SubFactory(OfficerFactory)
    school = factory.SubFactory(SchoolFactory)
    start_date = datetime.date(2024, 8, 1)
    end_date = None


class MOUFactory(factory.django.DjangoModelFactory[MOU]):
    class Meta:
        model = MOU

    district = factory.SubFactory(DistrictFactory)
    agency = factory.SubFactory(AgencyFactory)
    effective_date = datetime.date(2024, 7, 1)
    end_date = datetime.date(2029, 6, 30)
    next_review_date = datetime.date(2027, 5, 1)
    removal_response_days = 30


class EvaluationPeriodFactory(factory.django.DjangoModelFactory[EvaluationPeriod]):
    class Meta:
        model = EvaluationPeriod
        django_get_or_create = ("district", "name")

    district = factory.SubFactory(DistrictFactory)
    name = "2026-27"
    start_date = datetime.date(2026, 8, 1)
    end_date = datetime.date(2027, 7, 31)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR
    district = factory.SubFactory(DistrictFactory)


def coordinator_of(district: District, **user_fields) -> object:
    return MembershipFactory(
        role=Role.COORDINATOR, district=district, user=UserFactory(**user_fields)
    ).user


def principal_of(school: School, **user_fields) -> object:
    return MembershipFactory(
        role=Role.PRINCIPAL,
        district=school.district,
        school=school,
        user=UserFactory(**user_fields),
    ).user


def supervisor_of(agency: Agency, district: District, **user_fields) -> object:
    return MembershipFactory(
        role=Role.SUPERVISOR, district=district, agency=agency, user=UserFactory(**user_fields)
    ).user


def user_of_officer(officer: Officer, district: District, **user_fields) -> object:
    return MembershipFactory(
        role=Role.OFFICER, district=district, officer=officer, user=UserFactory(**user_fields)
    ).user


class RosterImportFactory(factory.django.DjangoModelFactory[RosterImport]):
    class Meta:
        model = RosterImport

    district = factory.SubFactory(DistrictFactory)
    file = factory.LazyFunction(
        lambda: ContentFile(b"school_code,name\nRHS,Riverside High\n", name="schools.csv")
    )
    filename = "schools.csv"
    kind = "schools"
    status = RosterImportStatus.PREVIEWED
    rows = 1
    preview = factory.LazyFunction(lambda: [[2, "RHS", "Riverside High", "other", None, "new"]])
