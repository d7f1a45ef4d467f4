"""The coordinator's agency pages: an agency is shared by the districts working with it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from roster.models import Agency
from tests.factories.roster import AgencyFactory, OfficerFactory, coordinator_of

pytestmark = pytest.mark.django_db


def _coordinator(world):
    return world.users["coordinator"]


def test_the_agency_list_shows_the_districts_agencies_only(world, client_for) -> None:
    linked = AgencyFactory(code="COUNTY", name="County Sheriff")
    linked.districts.add(world.district)
    client = client_for(_coordinator(world))

    everyone = client.get(reverse("roster:agencies")).content.decode()
    searched = client.get(reverse("roster:agencies"), {"q": "sheriff"}).content.decode()

    assert "County Sheriff" in everyone
    assert world.agency.name in everyone
    assert world.other_agency.name not in everyone
    assert "County Sheriff" in searched
    assert world.agency.name not in searched


def test_the_agency_list_costs_the_same_queries_for_many_agencies(
    world, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(40):
        AgencyFactory().districts.add(world.district)
    client = client_for(_coordinator(world))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("roster:agencies"))

    assert response.status_code == 200


def test_a_new_agency_is_linked_to_the_coordinators_district_and_audited(world, client_for) -> None:
    data = {
        "code": "VISD",
        "name": "Valley ISD Police",
        "contact_name": "Chief Ortiz",
        "contact_email": "ortiz@visd.example",
        "contact_phone": "555-0100",
    }

    response = client_for(_coordinator(world)).post(reverse("roster:agency-new"), data)

    assert response.status_code == 302
    agency = Agency.objects.get(code="VISD")
    assert list(agency.districts.all()) == [world.district]
    assert agency.contact_email == "ortiz@visd.example"
    assert AuditEvent.objects.get(action="agency.created").district_id == world.district.pk


def test_a_code_another_district_registered_is_refused_without_telling_its_name(
    world, client_for
) -> None:
    world.other_agency.contact_name = "Chief Away"
    world.other_agency.save()
    client = client_for(_coordinator(world))

    response = client.post(
        reverse("roster:agency-new"), {"code": "awaypd", "name": "Our own AWAYPD"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "already registered" in body
    assert "link it by its code" in body
    assert world.other_agency.name not in body
    assert "Chief Away" not in body
    assert Agency.objects.filter(code__iexact="awaypd").count() == 1
    assert not world.other_agency.districts.filter(pk=world.district.pk).exists()
    assert not AuditEvent.objects.exists()


def test_the_coordinator_links_an_existing_agency_by_its_code(world, client_for) -> None:
    client = client_for(_coordinator(world))

    response = client.post(reverse("roster:agency-new"), {"link-code": "AWAYPD", "link": ""})

    assert response.status_code == 302
    assert world.other_agency.districts.filter(pk=world.district.pk).exists()
    event = AuditEvent.objects.get(action="agency.linked")
    assert event.district_id == world.district.pk
    followed = client.get(response["Location"]).content.decode()
    assert f"AWAYPD — {world.other_agency.name} now works with" in followed


def test_linking_an_unknown_code_or_one_already_linked_is_refused(world, client_for) -> None:
    client = client_for(_coordinator(world))

    unknown = client.post(reverse("roster:agency-new"), {"link-code": "NOPE", "link": ""})
    already = client.post(reverse("roster:agency-new"), {"link-code": "HOMEPD", "link": ""})

    assert unknown.status_code == 400
    assert "No agency has the code NOPE" in unknown.content.decode()
    assert already.status_code == 400
    assert "already works with the agency HOMEPD" in already.content.decode()
    assert not AuditEvent.objects.exists()


def test_the_coordinator_edits_an_agency_contact(world, client_for) -> None:
    url = reverse("roster:agency-edit", args=[world.agency.pk])
    data = {"code": "HOMEPD", "name": world.agency.name, "contact_email": "desk@home.example"}

    response = client_for(_coordinator(world)).post(url, data)

    assert response.status_code == 302
    world.agency.refresh_from_db()
    assert world.agency.contact_email == "desk@home.example"
    event = AuditEvent.objects.get(action="agency.updated")
    assert event.changes == {"contact_email": ["", "desk@home.example"]}


def test_an_agency_code_used_by_another_agency_is_refused_on_edit(world, client_for) -> None:
    url = reverse("roster:agency-edit", args=[world.agency.pk])

    response = client_for(_coordinator(world)).post(url, {"code": "AWAYPD", "name": "X"})

    assert response.status_code == 400
    assert "used by another agency" in response.content.decode()
    world.agency.refresh_from_db()
    assert world.agency.code == "HOMEPD"


def test_an_outsider_coordinator_gets_404_for_an_agency_their_district_doesnt_work_with(
    world, client_for
) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    response = client_for(outsider).post(
        reverse("roster:agency-edit", args=[world.agency.pk]), {"code": "HOMEPD", "name": "X"}
    )

    assert response.status_code == 404
    world.agency.refresh_from_db()
    assert world.agency.name != "X"


@pytest.mark.parametrize("who", ["principal", "supervisor", "officer"])
def test_other_roles_cant_add_or_edit_agencies(world, client_for, who) -> None:
    client = client_for(world.users[who])

    added = client.post(reverse("roster:agency-new"), {"code": "NEWPD", "name": "New"})
    linked = client.post(reverse("roster:agency-new"), {"link-code": "AWAYPD", "link": ""})
    edited = client.post(
        reverse("roster:agency-edit", args=[world.agency.pk]), {"code": "HOMEPD", "name": "X"}
    )

    assert added.status_code == 403
    assert linked.status_code == 403
    assert edited.status_code == 404
    assert not Agency.objects.filter(code="NEWPD").exists()
    assert not world.other_agency.districts.exists()


def test_linking_an_agency_shows_none_of_the_officers_it_places_in_another_district(
    world, client_for
) -> None:
    """Anyone may type a code: the link must not open another district's SROs, their
    training or their compliance, only the agency's officers who serve no one else."""
    newcomer = OfficerFactory(agency=world.other_agency, last_name="Unplaced")
    client = client_for(_coordinator(world))
    client.post(reverse("roster:agency-new"), {"link-code": "AWAYPD", "link": ""})
    placed = world.other_officer
    assert placed.assignments.exclude(school__district=world.district).exists()

    officer_list = client.get(reverse("roster:officers")).content.decode()

    assert "Unplaced" in officer_list
    assert placed.last_name not in officer_list
    assert client.get(reverse("roster:officer", args=[placed.pk])).status_code == 404
    assert client.get(reverse("training_records:officer", args=[placed.pk])).status_code == 404
    assert client.get(reverse("roster:officer", args=[newcomer.pk])).status_code == 200
