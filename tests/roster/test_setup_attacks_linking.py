"""Attacks through "link an existing agency by its code": the coordinator of HOME types
AWAY's agency code (AWAYPD), then tries to learn AWAY's data or change what AWAY relies on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from roster.models import MOU, Agency, Role
from tests.factories.roster import AssignmentFactory
from tests.scoping import OTHER_OFFICER_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(world, api_for):
    """HOME's coordinator has linked AWAYPD by its code."""
    api = api_for(world.users[Role.COORDINATOR])
    assert api.post("/api/v1/agencies/link/", {"code": "awaypd"}, format="json").status_code == 201
    return api


API_READS = [
    "/api/v1/officers/",
    "/api/v1/assignments/",
    "/api/v1/mous/",
    "/api/v1/schools/",
    "/api/v1/districts/",
    "/api/v1/periods/",
]


def test_linking_shows_none_of_the_other_districts_officers_schools_or_mous(world, linked):
    away_mou = MOU.objects.get(district=world.other_district)
    answers = {url: linked.get(url) for url in API_READS}
    answers["agency"] = linked.get(f"/api/v1/agencies/{world.other_agency.pk}/")

    assert answers["agency"].status_code == 200
    for url, response in answers.items():
        text = response.content.decode()
        assert response.status_code == 200, url
        assert OTHER_OFFICER_NAME[1] not in text, url
        assert "AWAY-HS" not in text, url
        assert f'"id":{away_mou.pk},"district":{world.other_district.pk}' not in text, url
    assert linked.get(f"/api/v1/officers/{world.other_officer.pk}/").status_code == 404
    assert linked.get(f"/api/v1/mous/{away_mou.pk}/").status_code == 404


def test_linking_shows_nothing_of_the_other_district_on_the_pages(world, linked, client_for):
    client = client_for(world.users[Role.COORDINATOR])
    pages = [
        reverse("roster:officers"),
        reverse("roster:agencies"),
        reverse("roster:assignments"),
        reverse("roster:mous"),
        reverse("roster:assignment-new"),
        reverse("roster:agency-edit", args=[world.other_agency.pk]),
    ]

    for url in pages:
        text = client.get(url).content.decode()
        assert OTHER_OFFICER_NAME[1] not in text, url
        assert "AWAY-HS" not in text, url
    assert client.get(reverse("roster:officer", args=[world.other_officer.pk])).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"code": "GONEPD"},
        {"name": "Renamed by HOME"},
        {"contact_email": "attacker@example.org"},
    ],
)
def test_a_linked_coordinator_cant_change_an_agency_another_district_works_with(
    world, linked, change
):
    before = Agency.objects.values().get(pk=world.other_agency.pk)
    audits = AuditEvent.objects.count()

    response = linked.patch(f"/api/v1/agencies/{world.other_agency.pk}/", change, format="json")

    assert response.status_code == 400
    assert "also works with another district" in response.content.decode()
    assert Agency.objects.values().get(pk=world.other_agency.pk) == before
    assert AuditEvent.objects.count() == audits


def test_the_agency_page_refuses_the_change_too(world, linked, client_for):
    before = Agency.objects.values().get(pk=world.other_agency.pk)

    response = client_for(world.users[Role.COORDINATOR]).post(
        reverse("roster:agency-edit", args=[world.other_agency.pk]),
        {"code": "GONEPD", "name": "Renamed by HOME", "contact_email": "attacker@example.org"},
    )

    assert response.status_code == 400
    assert "also works with another district" in response.content.decode()
    assert Agency.objects.values().get(pk=world.other_agency.pk) == before


def test_a_coordinator_of_both_districts_may_still_correct_the_agency(world, api_for):
    from tests.factories.roster import MembershipFactory

    both = world.users[Role.COORDINATOR]
    MembershipFactory(role=Role.COORDINATOR, district=world.other_district, user=both)

    response = api_for(both).patch(
        f"/api/v1/agencies/{world.other_agency.pk}/", {"name": "Corrected"}, format="json"
    )

    assert response.status_code == 200
    assert Agency.objects.get(pk=world.other_agency.pk).name == "Corrected"


def test_linking_an_unknown_code_tells_nothing_and_stores_nothing(world, api_for):
    api = api_for(world.users[Role.COORDINATOR])
    audits = AuditEvent.objects.count()

    response = api.post("/api/v1/agencies/link/", {"code": "NOPE"}, format="json")

    assert response.status_code == 400
    assert "AWAY" not in response.content.decode()
    assert AuditEvent.objects.count() == audits


def test_a_shared_officers_placement_in_the_other_district_stays_hidden(world, api_for, client_for):
    """An SRO serving a school in each district is visible in both; where they serve in
    the other district (its school, dates) is not: not on the API, not on the officer page."""
    AssignmentFactory(officer=world.officer, school=world.other_school)
    api = api_for(world.users[Role.COORDINATOR])
    api_answers = [
        api.get("/api/v1/assignments/"),
        api.get("/api/v1/officers/"),
        api.get(f"/api/v1/officers/{world.officer.pk}/"),
    ]
    pages = [
        client_for(world.users[who]).get(reverse("roster:officer", args=[world.officer.pk]))
        for who in (Role.COORDINATOR, Role.PRINCIPAL)
    ]

    for response in api_answers:
        assert response.status_code == 200
        assert "AWAY-HS" not in response.content.decode()
        assert f'"school":{world.other_school.pk},' not in response.content.decode()
    for page in pages:
        assert page.status_code == 200
        assert world.school.name in page.content.decode()
        assert world.other_school.name not in page.content.decode()
