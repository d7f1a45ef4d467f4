"""A coordinator adds and corrects officers, on the pages and through the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.audit import audit_history
from core.models import AuditEvent
from roster.models import Membership, Officer
from roster.services.officers import officer_create, officer_update
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    OfficerFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

NEW_OFFICER = {
    "badge_number": "7731",
    "first_name": "Rosalind",
    "last_name": "Featherstonehaugh",
    "email": "r.f@homepd.example",
}


def _inactive_coordinator(district) -> object:
    user = coordinator_of(district, username="the-former-coordinator")
    Membership.objects.filter(user=user).update(is_active=False)
    return user


# Services


def test_adding_an_officer_is_audited(world) -> None:
    coordinator = world.users["coordinator"]

    officer = officer_create(agency=world.agency, actor=coordinator, **NEW_OFFICER)

    [event] = audit_history(officer)
    assert (event.action, event.actor) == ("officer.created", coordinator)
    assert event.changes["badge_number"] == [None, "7731"]


def test_a_badge_already_used_in_the_agency_is_refused_and_nothing_is_stored(world) -> None:
    taken = {**NEW_OFFICER, "badge_number": world.officer.badge_number}
    events = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        officer_create(agency=world.agency, actor=world.users["coordinator"], **taken)

    assert (
        "HOMEPD already has an officer with badge" in refused.value.message_dict["badge_number"][0]
    )
    assert Officer.objects.filter(last_name="Featherstonehaugh").count() == 0
    assert AuditEvent.objects.count() == events


def test_the_same_badge_in_another_agency_is_another_officer(world) -> None:
    other = AgencyFactory(code="HOMESHERIFF")
    same_badge = {**NEW_OFFICER, "badge_number": world.officer.badge_number}

    officer = officer_create(agency=other, actor=world.users["coordinator"], **same_badge)

    assert officer.badge_number == world.officer.badge_number


def test_correcting_an_officer_records_what_changed_and_a_no_change_records_nothing(
    world,
) -> None:
    coordinator = world.users["coordinator"]

    officer_update(officer=world.officer, actor=coordinator, last_name="Okafor")
    officer_update(officer=world.officer, actor=coordinator, last_name="Okafor")

    [event] = audit_history(world.officer)
    assert event.action == "officer.updated"
    assert event.changes["last_name"][1] == "Okafor"
    assert list(event.changes) == ["last_name"]


# Pages


def test_the_coordinator_adds_an_officer_on_the_page(world, client_for) -> None:
    client = client_for(world.users["coordinator"])

    response = client.post("/setup/officers/new/", {"agency": world.agency.pk, **NEW_OFFICER})

    officer = Officer.objects.get(last_name="Featherstonehaugh")
    assert response.status_code == 302
    assert response["Location"] == f"/officers/{officer.pk}/"
    assert "Rosalind Featherstonehaugh was added." in client.get(response["Location"]).text


def test_a_taken_badge_is_a_clear_error_next_to_the_badge_field(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    taken = {**NEW_OFFICER, "badge_number": world.officer.badge_number}

    response = client.post("/setup/officers/new/", {"agency": world.agency.pk, **taken})

    assert response.status_code == 200
    assert response.context["form"].errors["badge_number"] == [
        f"HOMEPD already has an officer with badge {world.officer.badge_number}."
    ]
    assert "There is a problem" in response.text
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


def test_the_coordinator_may_only_pick_the_districts_agencies(world, client_for) -> None:
    client = client_for(world.users["coordinator"])

    response = client.post("/setup/officers/new/", {"agency": world.other_agency.pk, **NEW_OFFICER})

    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


def test_the_coordinator_corrects_an_officer(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    data = {
        "agency": world.agency.pk,
        "badge_number": world.officer.badge_number,
        "first_name": world.officer.first_name,
        "last_name": "Marchetti",
        "email": "",
    }

    response = client.post(f"/setup/officers/{world.officer.pk}/", data)

    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.last_name == "Marchetti"


def test_another_districts_coordinator_gets_a_404_for_the_officer(world, client_for) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")
    client = client_for(outsider)
    before = world.officer.last_name

    assert client.get(f"/setup/officers/{world.officer.pk}/").status_code == 404
    assert client.post(f"/setup/officers/{world.officer.pk}/", {}).status_code == 404
    world.officer.refresh_from_db()
    assert world.officer.last_name == before


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_add_or_edit_officers(world, client_for, role) -> None:
    client = client_for(world.users[role])

    assert client.get("/setup/officers/new/").status_code == 403
    posted = client.post("/setup/officers/new/", {"agency": world.agency.pk, **NEW_OFFICER})
    assert posted.status_code == 403
    assert client.get(f"/setup/officers/{world.officer.pk}/").status_code == 404
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


def test_an_inactive_coordinator_sees_and_changes_nothing(world, client_for) -> None:
    client = client_for(_inactive_coordinator(world.district))

    assert client.get("/setup/officers/new/").status_code == 403
    assert client.get(f"/setup/officers/{world.officer.pk}/").status_code == 404
    assert client.get("/officers/").context["page"].paginator.count == 0


def test_the_list_searches_by_name_and_badge_and_filters(world, client_for) -> None:
    unassigned = OfficerFactory(agency=world.agency, first_name="Tobias", last_name="Quenneville")
    client = client_for(world.users["coordinator"])

    def names(**query) -> list[str]:
        page = client.get("/officers/", query).context["page"]
        return [o.last_name for o in page]

    assert names(q="quenne") == ["Quenneville"]
    assert names(q=world.officer.badge_number) == [world.officer.last_name]
    assert names(assigned="no") == ["Quenneville"]
    assert names(assigned="yes") == [world.officer.last_name]
    assert names(school=world.school.pk) == [world.officer.last_name]
    assert sorted(names(agency=world.agency.pk)) == sorted(
        [world.officer.last_name, unassigned.last_name]
    )


def test_only_the_coordinator_sees_the_add_an_officer_link(world, client_for) -> None:
    assert "Add an officer" in client_for(world.users["coordinator"]).get("/officers/").text
    assert "Add an officer" not in client_for(world.users["supervisor"]).get("/officers/").text


def test_the_officer_list_page_costs_the_same_queries_for_many_officers(
    world, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(60):
        AssignmentFactory(officer=OfficerFactory(agency=world.agency), school=world.school)
    client = client_for(world.users["coordinator"])

    with django_assert_max_num_queries(14):
        response = client.get("/officers/", {"agency": world.agency.pk, "page": 2})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 61


# API


def test_the_coordinator_adds_an_officer_through_the_api(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    response = api.post(
        "/api/v1/officers/", {"agency": world.agency.pk, **NEW_OFFICER}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["agency_code"] == "HOMEPD"
    officer = Officer.objects.get(pk=response.json()["id"])
    assert [e.action for e in audit_history(officer)] == ["officer.created"]


def test_bad_officer_input_is_a_400_naming_the_fields_and_stores_nothing(world, api_for) -> None:
    api = api_for(world.users["coordinator"])
    taken = {**NEW_OFFICER, "badge_number": world.officer.badge_number}
    events = AuditEvent.objects.count()

    missing = api.post("/api/v1/officers/", {"agency": world.agency.pk}, format="json")
    mistyped = api.post(
        "/api/v1/officers/", {"agency": str(world.agency.pk), **NEW_OFFICER}, format="json"
    )
    duplicate = api.post("/api/v1/officers/", {"agency": world.agency.pk, **taken}, format="json")

    assert missing.status_code == 400
    assert {"badge_number", "first_name", "last_name"} <= set(missing.json())
    assert mistyped.status_code == 400
    assert "agency" in mistyped.json()
    assert duplicate.status_code == 400
    assert "already has an officer with badge" in duplicate.json()["badge_number"][0]
    assert Officer.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_an_agency_outside_the_district_is_a_404(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    response = api.post(
        "/api/v1/officers/", {"agency": world.other_agency.pk, **NEW_OFFICER}, format="json"
    )

    assert response.status_code == 404
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_write_officers_through_the_api(world, api_for, role) -> None:
    api = api_for(world.users[role])

    created = api.post(
        "/api/v1/officers/", {"agency": world.agency.pk, **NEW_OFFICER}, format="json"
    )
    patched = api.patch(
        f"/api/v1/officers/{world.officer.pk}/", {"last_name": "Changed"}, format="json"
    )

    assert (created.status_code, patched.status_code) == (403, 403)
    world.officer.refresh_from_db()
    assert world.officer.last_name != "Changed"
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


def test_the_supervisor_still_reads_the_agencys_officers(world, api_for) -> None:
    api = api_for(world.users["supervisor"])

    assert api.get(f"/api/v1/officers/{world.officer.pk}/").status_code == 200
    assert api.get("/api/v1/officers/").json()["count"] == 1


def test_the_coordinator_corrects_an_officer_through_the_api(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    response = api.patch(
        f"/api/v1/officers/{world.officer.pk}/", {"first_name": "Anneliese"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["first_name"] == "Anneliese"
    assert [e.action for e in audit_history(world.officer)] == ["officer.updated"]


def test_patching_another_districts_officer_is_a_404(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    response = api.patch(
        f"/api/v1/officers/{world.other_officer.pk}/", {"first_name": "Changed"}, format="json"
    )

    assert response.status_code == 404
    world.other_officer.refresh_from_db()
    assert world.other_officer.first_name != "Changed"


def test_an_inactive_coordinator_may_not_write_through_the_api(world, api_for) -> None:
    api = api_for(_inactive_coordinator(world.district))

    response = api.post(
        "/api/v1/officers/", {"agency": world.agency.pk, **NEW_OFFICER}, format="json"
    )

    assert response.status_code == 403
    assert not Officer.objects.filter(last_name="Featherstonehaugh").exists()


def test_a_filter_naming_an_agency_out_of_scope_is_an_error_not_a_leak(world, client_for) -> None:
    client = client_for(world.users["supervisor"])

    response = client.get("/officers/", {"agency": world.other_agency.pk, "assigned": "maybe"})

    assert response.status_code == 200
    assert set(response.context["filters"].errors) == {"agency", "assigned"}
    assert world.other_officer.last_name not in response.text
