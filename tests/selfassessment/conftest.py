"""A district for the self-assessment tests: one school, one agency with its MOU, one
serving officer, this school year and the one before, and its people by name."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from roster.models import MOU, Agency, District, EvaluationPeriod, Officer, School
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
)


@dataclass
class AssessedDistrict:
    district: District
    school: School
    agency: Agency
    mou: MOU
    officer: Officer
    period: EvaluationPeriod
    prior: EvaluationPeriod
    coordinator: object
    principal: object
    supervisor: object


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def home(db) -> AssessedDistrict:
    district = DistrictFactory(code="RIVER", name="Riverside Unified")
    school = SchoolFactory(district=district, code="RHS", name="Riverside High")
    agency = AgencyFactory(code="RPD", name="Riverside Police Department")
    agency.districts.add(district)
    mou = MOUFactory(district=district, agency=agency)
    officer = OfficerFactory(agency=agency, first_name="Marisol", last_name="Okafor")
    AssignmentFactory(officer=officer, school=school, start_date=datetime.date(2024, 8, 1))
    period = EvaluationPeriodFactory(district=district)
    prior = EvaluationPeriodFactory(
        district=district,
        name="2025-26",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
    )
    return AssessedDistrict(
        district=district,
        school=school,
        agency=agency,
        mou=mou,
        officer=officer,
        period=period,
        prior=prior,
        coordinator=coordinator_of(district, username="dana", first_name="Dana"),
        principal=principal_of(school, username="priya", first_name="Priya"),
        supervisor=supervisor_of(agency, district, username="sam", first_name="Sam"),
    )
