"""Attacks on the setup pages and APIs, each by a role with exactly its own access.

Every test is one attempt to break scope or integrity through the real page or
endpoint; it asserts the refusal *and* that nothing was stored (rows, audit events).
The coordinator attacks the other district ("AWAY"); the principal, supervisor and
officer attack their own district's setup; a person whose membership was ended
attacks what they used to coordinate.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from roster.models import MOU, Agency, Assignment, Role, School
from tests.roster.attacks import stored_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


# Ids of the other district in the body ------------------------------------------


def _other_ids_in_body(world, attack: str) -> tuple[str, str, dict]:
    officer = {"badge_number": "X1", "first_name": "A", "last_name": "B"}
    return {
        "an officer added to the other district's agency": (
            "post",
            "/api/v1/officers/",
            {**officer, "agency": world.other_agency.pk},
        ),
        "an officer moved to the other district's agency": (
            "patch",
            f"/api/v1/officers/{world.officer.pk}/",
            {"agency": world.other_agency.pk},
        ),
        "the other district's officer assigned here": (
            "post",
            "/api/v1/assignments/",
            {
                "officer": world.other_officer.pk,
                "school": world.school.pk,
                "start_date": "2031-09-01",
            },
        ),
        "an officer assigned to the other district's school": (
            "post",
            "/api/v1/assignments/",
            {
                "officer": world.officer.pk,
                "school": world.other_school.pk,
                "start_date": "2031-09-01",
            },
        ),
        "an MOU of the other district": (
            "post",
            "/api/v1/mous/",
            {
                "district": world.other_district.pk,
                "agency": world.agency.pk,
                "effective_date": "2040-01-01",
            },
        ),
        "an MOU with an agency the district doesn't work with": (
            "post",
            "/api/v1/mous/",
            {
                "district": world.district.pk,
                "agency": world.other_agency.pk,
                "effective_date": "2040-01-01",
            },
        ),
        "a school added to the other district": (
            "post",
            "/api/v1/schools/",
            {"district": world.other_district.pk, "code": "EVIL", "name": "Evil High"},
        ),
        "an agency added to the other district": (
            "post",
            "/api/v1/agencies/",
            {"district": world.other_district.pk, "code": "EVILPD", "name": "Evil PD"},
        ),
        "an agency linked to the other district": (
            "post",
            "/api/v1/agencies/link/",
            {"district": world.other_district.pk, "code": "HOMEPD"},
        ),
    }[attack]


@pytest.mark.parametrize(
    "attack",
    [
        "an officer added to the other district's agency",
        "an officer moved to the other district's agency",
        "the other district's officer assigned here",
        "an officer assigned to the other district's school",
        "an MOU of the other district",
        "an MOU with an agency the district doesn't work with",
        "a school added to the other district",
        "an agency added to the other district",
        "an agency linked to the other district",
    ],
)
def test_the_other_districts_ids_in_an_api_body_are_a_404(world, api_for, coordinator, attack):
    method, url, body = _other_ids_in_body(world, attack)
    before = stored_rows()

    response = getattr(api_for(coordinator), method)(url, body, format="json")

    world.officer.refresh_from_db()
    assert response.status_code == 404
    assert world.officer.agency_id == world.agency.pk
    assert not world.other_agency.districts.filter(pk=world.district.pk).exists()
    assert not world.agency.districts.filter(pk=world.other_district.pk).exists()
    assert stored_rows() == before


def test_the_officer_page_refuses_the_other_districts_agency_as_a_field_error(
    world, client_for, coordinator
):
    before = stored_rows()

    response = client_for(coordinator).post(
        reverse("roster:officer-new"),
        {
            "agency": world.other_agency.pk,
            "badge_number": "X1",
            "first_name": "A",
            "last_name": "B",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["agency"]
    assert stored_rows() == before


def test_the_assignment_page_refuses_the_other_districts_officer_and_school(
    world, client_for, coordinator
):
    before = stored_rows()

    response = client_for(coordinator).post(
        reverse("roster:assignment-new"),
        {
            "officer": world.other_officer.pk,
            "school": world.other_school.pk,
            "start_date": "2026-09-01",
        },
    )

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert errors["officer"]
    assert errors["school"]
    assert stored_rows() == before


def test_an_assignment_cant_be_moved_to_another_school_or_officer(world, api_for, coordinator):
    assignment = Assignment.objects.get(officer=world.officer)
    before = stored_rows()

    response = api_for(coordinator).patch(
        f"/api/v1/assignments/{assignment.pk}/",
        {"school": world.other_school.pk, "officer": world.other_officer.pk},
        format="json",
    )

    assignment.refresh_from_db()
    assert response.status_code == 400
    assert (assignment.school_id, assignment.officer_id) == (world.school.pk, world.officer.pk)
    assert stored_rows() == before


def test_the_assignment_page_ignores_a_posted_school_and_officer(world, client_for, coordinator):
    assignment = Assignment.objects.get(officer=world.officer)

    client_for(coordinator).post(
        reverse("roster:assignment-edit", args=[assignment.pk]),
        {
            "school": world.other_school.pk,
            "officer": world.other_officer.pk,
            "start_date": assignment.start_date.isoformat(),
            "end_date": "",
        },
    )

    assignment.refresh_from_db()
    assert (assignment.school_id, assignment.officer_id) == (world.school.pk, world.officer.pk)


def test_the_mou_page_refuses_the_other_district_and_its_agency(world, client_for, coordinator):
    before = stored_rows()

    response = client_for(coordinator).post(
        reverse("roster:mou-new"),
        {
            "district": world.other_district.pk,
            "agency": world.other_agency.pk,
            "effective_date": "2030-01-01",
            "removal_response_days": 30,
        },
    )

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert errors["district"]
    assert errors["agency"]
    assert stored_rows() == before


def test_an_mou_cant_be_moved_to_another_district_or_agency(world, api_for, coordinator):
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    before = stored_rows()

    response = api_for(coordinator).patch(
        f"/api/v1/mous/{mou.pk}/",
        {"district": world.other_district.pk, "agency": world.other_agency.pk},
        format="json",
    )

    mou.refresh_from_db()
    assert response.status_code == 400
    assert (mou.district_id, mou.agency_id) == (world.district.pk, world.agency.pk)
    assert stored_rows() == before


def test_the_mou_page_ignores_a_posted_district_and_agency(world, client_for, coordinator):
    mou = MOU.objects.get(district=world.district, agency=world.agency)

    client_for(coordinator).post(
        reverse("roster:mou-edit", args=[mou.pk]),
        {
            "district": world.other_district.pk,
            "agency": world.other_agency.pk,
            "effective_date": mou.effective_date.isoformat(),
            "removal_response_days": 45,
        },
    )

    mou.refresh_from_db()
    assert (mou.district_id, mou.agency_id) == (world.district.pk, world.agency.pk)


def test_the_school_page_puts_a_posted_other_district_nowhere(world, client_for, coordinator):
    client_for(coordinator).post(
        reverse("roster:school-new"),
        {"district": world.other_district.pk, "code": "EVIL", "name": "Evil High", "level": "high"},
    )

    assert not School.objects.filter(district=world.other_district, code="EVIL").exists()


def test_a_school_cant_be_moved_to_the_other_district(world, api_for, client_for, coordinator):
    before = stored_rows()

    api = api_for(coordinator).patch(
        f"/api/v1/schools/{world.school.pk}/", {"district": world.other_district.pk}, format="json"
    )
    client_for(coordinator).post(
        reverse("roster:school-edit", args=[world.school.pk]),
        {
            "district": world.other_district.pk,
            "code": world.school.code,
            "name": world.school.name,
            "level": world.school.level,
            "enrollment": world.school.enrollment or "",
        },
    )

    world.school.refresh_from_db()
    assert api.status_code == 400
    assert world.school.district_id == world.district.pk
    assert stored_rows() == before


@pytest.mark.parametrize("field", ["id", "code", "created_at"])
def test_read_only_district_fields_are_refused_not_ignored(world, api_for, coordinator, field):
    values = {"id": world.other_district.pk, "code": "HIJACK", "created_at": "2000-01-01T00:00Z"}

    response = api_for(coordinator).patch(
        f"/api/v1/districts/{world.district.pk}/", {field: values[field]}, format="json"
    )

    world.district.refresh_from_db()
    assert response.status_code == 400
    assert world.district.code == "HOME"
    assert not AuditEvent.objects.filter(action="district.settings_updated").exists()


def test_patching_the_other_districts_settings_is_a_404(world, api_for, client_for, coordinator):
    api = api_for(coordinator).patch(
        f"/api/v1/districts/{world.other_district.pk}/", {"survey_min_responses": 50}, format="json"
    )
    page = client_for(coordinator).post(
        reverse("roster:setup-district", args=[world.other_district.pk]),
        {
            "name": "Hijacked",
            "survey_min_responses": 50,
            "comment_min_responses": 50,
            "public_suppression_threshold": 10,
            "training_reminder_days": 30,
        },
    )

    world.other_district.refresh_from_db()
    assert (api.status_code, page.status_code) == (404, 404)
    assert world.other_district.name != "Hijacked"
    assert world.other_district.survey_min_responses != 50


def test_the_settings_page_ignores_a_posted_code_and_id(world, client_for, coordinator):
    client_for(coordinator).post(
        reverse("roster:setup-district", args=[world.district.pk]),
        {
            "id": world.other_district.pk,
            "code": "HIJACK",
            "name": "Home renamed",
            "survey_min_responses": 5,
            "comment_min_responses": 8,
            "public_suppression_threshold": 10,
            "training_reminder_days": 30,
        },
    )

    world.district.refresh_from_db()
    world.other_district.refresh_from_db()
    assert world.district.code == "HOME"
    assert world.district.name == "Home renamed"
    assert world.other_district.name != "Home renamed"


def test_a_new_agency_posted_with_the_other_districts_id_is_linked_only_here(
    world, client_for, coordinator
):
    client_for(coordinator).post(
        reverse("roster:agency-new"),
        {
            "code": "NEWPD",
            "name": "New PD",
            "districts": [world.other_district.pk],
            "district": world.other_district.pk,
        },
    )

    agency = Agency.objects.get(code="NEWPD")
    assert list(agency.districts.all()) == [world.district]
