"""The people of the MOU record's staff tests: one district's MOU with its agency, the
district's coordinator, a principal, the agency's supervisor, an officer, and an
outsider who coordinates another district."""

from __future__ import annotations

from dataclasses import dataclass

from roster.models import MOU
from tests.factories.agreements import worded_version
from tests.factories.roster import (
    AgencyFactory,
    DistrictFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
    user_of_officer,
)


@dataclass
class MOUPeople:
    mou: MOU
    coordinator: object
    principal: object
    supervisor: object
    officer: object
    outsider: object


def mou_people(*, with_version: bool = True) -> MOUPeople:
    district = DistrictFactory(code="RIV", name="Riverside Unified")
    agency = AgencyFactory(code="RPD", name="Riverside Police Department")
    mou = MOUFactory(district=district, agency=agency)
    if with_version:
        worded_version(mou=mou, number=1, adopted_on=mou.effective_date)
    school = SchoolFactory(district=district, code="RHS", name="Riverside High")
    officer = OfficerFactory(agency=agency, first_name="Sam", last_name="Lee")
    return MOUPeople(
        mou=mou,
        coordinator=coordinator_of(
            district, username="dana", first_name="Dana", email="dana@riverside.example"
        ),
        principal=principal_of(school, username="marcus", first_name="Marcus"),
        supervisor=supervisor_of(agency, district, username="karen", first_name="Karen"),
        officer=user_of_officer(officer, district, username="sam", first_name="Sam"),
        outsider=coordinator_of(DistrictFactory(code="OTH"), username="olga", first_name="Olga"),
    )
