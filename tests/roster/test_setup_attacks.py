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
from roster.models import MOU, Agency, Assignment, Officer, Role, School

pytestmark = pytest.mark.django_db


def _stored() -> tuple[int, ...]:
    return (
        School.objects.count(),
        Agency.objects.count(),
        Officer.objects.count(),
        Assignment.objects.count(),
        MOU.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


# Ids of the other district in the body ------------------------------------------


def test_an_officer_posted_into_the_other_districts_agency_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/officers/",
        {
            "agency": world.other_agency.pk,
            "badge_number": "X1",
            "first_name": "A",
            "last_name": "B",
        },
        format="json",
    )

    assert response.status_code == 404
    assert _stored() == before


def test_the_officer_page_refuses_the_other_districts_agency_as_a_field_error(
    world, client_for, coordinator
):
    before = _stored()

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
    assert _stored() == before


def test_moving_an_officer_to_the_other_districts_agency_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).patch(
        f"/api/v1/officers/{world.officer.pk}/", {"agency": world.other_agency.pk}, format="json"
    )

    world.officer.refresh_from_db()
    assert response.status_code == 404
    assert world.officer.agency_id == world.agency.pk
    assert _stored() == before


def test_assigning_the_other_districts_officer_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/assignments/",
        {"officer": world.other_officer.pk, "school": world.school.pk, "start_date": "2026-09-01"},
        format="json",
    )

    assert response.status_code == 404
    assert _stored() == before


def test_assigning_an_officer_to_the_other_districts_school_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/assignments/",
        {"officer": world.officer.pk, "school": world.other_school.pk, "start_date": "2026-09-01"},
        format="json",
    )

    assert response.status_code == 404
    assert _stored() == before


def test_the_assignment_page_refuses_the_other_districts_officer_and_school(
    world, client_for, coordinator
):
    before = _stored()

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
    assert _stored() == before


def test_an_assignment_cant_be_moved_to_another_school_or_officer(world, api_for, coordinator):
    assignment = Assignment.objects.get(officer=world.officer)
    before = _stored()

    response = api_for(coordinator).patch(
        f"/api/v1/assignments/{assignment.pk}/",
        {"school": world.other_school.pk, "officer": world.other_officer.pk},
        format="json",
    )

    assignment.refresh_from_db()
    assert response.status_code == 400
    assert (assignment.school_id, assignment.officer_id) == (world.school.pk, world.officer.pk)
    assert _stored() == before


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


def test_an_mou_for_the_other_district_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/mous/",
        {
            "district": world.other_district.pk,
            "agency": world.agency.pk,
            "effective_date": "2030-01-01",
        },
        format="json",
    )

    assert response.status_code == 404
    assert _stored() == before


def test_an_mou_with_an_agency_the_district_doesnt_work_with_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/mous/",
        {
            "district": world.district.pk,
            "agency": world.other_agency.pk,
            "effective_date": "2030-01-01",
        },
        format="json",
    )

    assert response.status_code == 404
    assert not world.other_agency.districts.filter(pk=world.district.pk).exists()
    assert _stored() == before


def test_the_mou_page_refuses_the_other_district_and_its_agency(world, client_for, coordinator):
    before = _stored()

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
    assert _stored() == before


def test_an_mou_cant_be_moved_to_another_district_or_agency(world, api_for, coordinator):
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    before = _stored()

    response = api_for(coordinator).patch(
        f"/api/v1/mous/{mou.pk}/",
        {"district": world.other_district.pk, "agency": world.other_agency.pk},
        format="json",
    )

    mou.refresh_from_db()
    assert response.status_code == 400
    assert (mou.district_id, mou.agency_id) == (world.district.pk, world.agency.pk)
    assert _stored() == before


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


def test_a_school_posted_into_the_other_district_is_a_404(world, api_for, coordinator):
    before = _stored()

    response = api_for(coordinator).post(
        "/api/v1/schools/",
        {"district": world.other_district.pk, "code": "EVIL", "name": "Evil High"},
        format="json",
    )

    assert response.status_code == 404
    assert _stored() == before


def test_the_school_page_puts_a_posted_other_district_nowhere(world, client_for, coordinator):
    client_for(coordinator).post(
        reverse("roster:school-new"),
        {"district": world.other_district.pk, "code": "EVIL", "name": "Evil High", "level": "high"},
    )

    assert not School.objects.filter(district=world.other_district, code="EVIL").exists()


def test_a_school_cant_be_moved_to_the_other_district(world, api_for, client_for, coordinator):
    before = _stored()

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
    assert _stored() == before


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
