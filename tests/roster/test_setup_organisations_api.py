"""The setup APIs: PATCH a district's settings, POST/PATCH schools and agencies, link one."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from roster.models import Agency, Membership, School
from tests.factories.roster import (
    AgencyFactory,
    DistrictFactory,
    MembershipFactory,
    SchoolFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

OTHER_ROLES = ["principal", "supervisor", "officer"]


def _coordinator(world):
    return world.users["coordinator"]


# Districts --------------------------------------------------------------------


def test_the_coordinator_patches_the_district_settings(world, api_for) -> None:
    response = api_for(_coordinator(world)).patch(
        f"/api/v1/districts/{world.district.pk}/",
        {"survey_min_responses": 7, "comment_min_responses": 10, "training_reminder_days": 14},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["survey_min_responses"] == 7
    assert response.json()["training_reminder_days"] == 14
    event = AuditEvent.objects.get(action="district.settings_updated")
    assert event.changes["comment_min_responses"] == [8, 10]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"survey_min_responses": 2}, "survey_min_responses"),
        ({"survey_min_responses": 9}, "comment_min_responses"),
        ({"survey_min_responses": "6"}, "survey_min_responses"),
        ({"code": "NEW"}, "non_field_errors"),
    ],
)
def test_a_bad_district_patch_is_a_400_naming_the_field_and_stores_nothing(
    world, api_for, body, field
) -> None:
    response = api_for(_coordinator(world)).patch(
        f"/api/v1/districts/{world.district.pk}/", body, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    world.district.refresh_from_db()
    assert world.district.survey_min_responses == 5
    assert world.district.code == "HOME"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("who", OTHER_ROLES)
def test_other_roles_are_refused_the_district_patch(world, api_for, who) -> None:
    response = api_for(world.users[who]).patch(
        f"/api/v1/districts/{world.district.pk}/", {"name": "Taken"}, format="json"
    )

    assert response.status_code == 403
    world.district.refresh_from_db()
    assert world.district.name != "Taken"


def test_an_outsider_coordinator_gets_404_patching_another_district(world, api_for) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    response = api_for(outsider).patch(
        f"/api/v1/districts/{world.district.pk}/", {"name": "Taken"}, format="json"
    )

    assert response.status_code == 404
    world.district.refresh_from_db()
    assert world.district.name != "Taken"
    assert not AuditEvent.objects.exists()


def test_a_coordinator_whose_membership_ended_can_change_nothing(world, api_for) -> None:
    Membership.objects.filter(user=_coordinator(world)).update(is_active=False)
    api = api_for(_coordinator(world))

    district = api.patch(f"/api/v1/districts/{world.district.pk}/", {"name": "X"}, format="json")
    school = api.post("/api/v1/schools/", {"code": "X", "name": "X"}, format="json")
    listed = api.get("/api/v1/schools/")

    assert district.status_code == 403
    assert school.status_code == 403
    assert listed.status_code == 403
    assert not School.objects.filter(code="X").exists()


# Schools ----------------------------------------------------------------------


def test_the_coordinator_adds_a_school_through_the_api(world, api_for) -> None:
    response = api_for(_coordinator(world)).post(
        "/api/v1/schools/",
        {"code": "WASH-MS", "name": "Washington Middle", "level": "middle", "enrollment": 650},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["district"] == world.district.pk
    assert School.objects.get(code="WASH-MS").enrollment == 650
    assert AuditEvent.objects.filter(action="school.created").count() == 1


def test_a_duplicate_school_code_is_a_400_on_the_code_and_stores_nothing(world, api_for) -> None:
    response = api_for(_coordinator(world)).post(
        "/api/v1/schools/", {"code": "HOME-HS", "name": "Copy"}, format="json"
    )

    assert response.status_code == 400
    assert "already has a school with the code HOME-HS" in response.json()["code"][0]
    assert School.objects.filter(code="HOME-HS").count() == 1
    assert not AuditEvent.objects.exists()


def test_a_school_body_with_an_unknown_level_is_a_400(world, api_for) -> None:
    response = api_for(_coordinator(world)).post(
        "/api/v1/schools/", {"code": "N", "name": "N", "level": "college"}, format="json"
    )

    assert response.status_code == 400
    assert "level" in response.json()
    assert not School.objects.filter(code="N").exists()


def test_a_coordinator_of_two_districts_names_the_district(world, api_for) -> None:
    second = DistrictFactory(code="SECOND")
    MembershipFactory(user=_coordinator(world), district=second)
    api = api_for(_coordinator(world))

    unnamed = api.post("/api/v1/schools/", {"code": "N", "name": "N"}, format="json")
    named = api.post(
        "/api/v1/schools/", {"district": second.pk, "code": "N", "name": "N"}, format="json"
    )
    outside = api.post(
        "/api/v1/schools/",
        {"district": world.other_district.pk, "code": "M", "name": "M"},
        format="json",
    )

    assert unnamed.status_code == 400
    assert named.status_code == 201
    assert School.objects.get(code="N").district == second
    assert outside.status_code == 404
    assert not School.objects.filter(code="M").exists()


def test_the_coordinator_patches_a_school(world, api_for) -> None:
    response = api_for(_coordinator(world)).patch(
        f"/api/v1/schools/{world.school.pk}/", {"enrollment": 1234}, format="json"
    )

    assert response.status_code == 200
    world.school.refresh_from_db()
    assert world.school.enrollment == 1234
    assert AuditEvent.objects.get(action="school.updated").changes == {"enrollment": [1000, 1234]}


def test_an_outsider_coordinator_gets_404_patching_another_districts_school(world, api_for) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    response = api_for(outsider).patch(
        f"/api/v1/schools/{world.school.pk}/", {"name": "Taken"}, format="json"
    )

    assert response.status_code == 404
    world.school.refresh_from_db()
    assert world.school.name != "Taken"


@pytest.mark.parametrize("who", OTHER_ROLES)
def test_other_roles_are_refused_school_writes(world, api_for, who) -> None:
    api = api_for(world.users[who])

    created = api.post("/api/v1/schools/", {"code": "N", "name": "N"}, format="json")
    patched = api.patch(f"/api/v1/schools/{world.school.pk}/", {"name": "X"}, format="json")

    assert created.status_code == 403
    assert patched.status_code == 403
    assert not School.objects.filter(code="N").exists()
    assert not AuditEvent.objects.exists()


def test_the_school_list_costs_the_same_queries_for_many_schools(
    world, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        SchoolFactory(district=world.district)
    api = api_for(_coordinator(world))

    with django_assert_max_num_queries(5):
        response = api.get("/api/v1/schools/")

    assert response.json()["count"] == 31


# Agencies ---------------------------------------------------------------------


def test_the_coordinator_registers_an_agency_linked_to_the_district(world, api_for) -> None:
    response = api_for(_coordinator(world)).post(
        "/api/v1/agencies/",
        {"code": "VISD", "name": "Valley ISD Police", "contact_email": "desk@visd.example"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["contact_email"] == "desk@visd.example"
    assert list(Agency.objects.get(code="VISD").districts.all()) == [world.district]


def test_an_agency_code_in_use_is_a_400_that_names_nothing_of_the_other_district(
    world, api_for
) -> None:
    response = api_for(_coordinator(world)).post(
        "/api/v1/agencies/", {"code": "AWAYPD", "name": "Ours"}, format="json"
    )

    assert response.status_code == 400
    message = response.json()["code"][0]
    assert "already registered" in message
    assert world.other_agency.name not in message
    assert world.other_district.name not in message
    assert Agency.objects.filter(code="AWAYPD").count() == 1
    assert not AuditEvent.objects.exists()


def test_linking_by_code_shows_only_the_agencys_code_and_name(world, api_for) -> None:
    world.other_agency.contact_name = "Chief Away"
    world.other_agency.save()

    response = api_for(_coordinator(world)).post(
        "/api/v1/agencies/link/", {"code": "awaypd"}, format="json"
    )

    assert response.status_code == 201
    assert response.json() == {
        "id": world.other_agency.pk,
        "code": "AWAYPD",
        "name": world.other_agency.name,
    }
    assert world.other_agency.districts.filter(pk=world.district.pk).exists()
    assert AuditEvent.objects.filter(action="agency.linked").count() == 1


def test_linking_twice_is_refused_clearly(world, api_for) -> None:
    api = api_for(_coordinator(world))

    api.post("/api/v1/agencies/link/", {"code": "AWAYPD"}, format="json")
    again = api.post("/api/v1/agencies/link/", {"code": "AWAYPD"}, format="json")

    assert again.status_code == 400
    assert "already works with" in again.json()["detail"]
    assert AuditEvent.objects.filter(action="agency.linked").count() == 1


@pytest.mark.parametrize("who", OTHER_ROLES)
def test_other_roles_are_refused_agency_writes(world, api_for, who) -> None:
    api = api_for(world.users[who])

    created = api.post("/api/v1/agencies/", {"code": "N", "name": "N"}, format="json")
    linked = api.post("/api/v1/agencies/link/", {"code": "AWAYPD"}, format="json")
    patched = api.patch(f"/api/v1/agencies/{world.agency.pk}/", {"name": "X"}, format="json")

    assert created.status_code == 403
    assert linked.status_code == 403
    assert patched.status_code == 403
    assert not world.other_agency.districts.exists()
    assert not AuditEvent.objects.exists()


def test_the_coordinator_patches_an_agency_contact(world, api_for) -> None:
    response = api_for(_coordinator(world)).patch(
        f"/api/v1/agencies/{world.agency.pk}/", {"contact_phone": "555-0199"}, format="json"
    )

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="agency.updated")
    assert event.changes == {"contact_phone": ["", "555-0199"]}
    assert event.district_id == world.district.pk


def test_an_outsider_coordinator_gets_404_patching_an_agency_they_dont_work_with(
    world, api_for
) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    response = api_for(outsider).patch(
        f"/api/v1/agencies/{world.agency.pk}/", {"name": "Taken"}, format="json"
    )

    assert response.status_code == 404
    world.agency.refresh_from_db()
    assert world.agency.name != "Taken"


def test_the_agency_list_costs_the_same_queries_for_many_agencies(
    world, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        AgencyFactory().districts.add(world.district)
    api = api_for(_coordinator(world))

    with django_assert_max_num_queries(5):
        response = api.get("/api/v1/agencies/")

    assert response.json()["count"] == 31
