from __future__ import annotations

import pytest

from tests.factories.roster import AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_the_officer_list_costs_the_same_queries_for_many_officers(
    world, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        AssignmentFactory(officer=OfficerFactory(agency=world.agency), school=world.school)
    api = api_for(world.users["coordinator"])

    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/officers/")

    assert response.status_code == 200
    assert response.json()["count"] == 31
    assert all(
        row["current_assignments"][0]["school_code"] == "HOME-HS"
        for row in response.json()["results"]
    )


def test_officers_filter_by_school_and_badge(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    by_badge = api.get("/api/v1/officers/", {"badge_number": world.officer.badge_number}).json()
    by_school = api.get("/api/v1/officers/", {"school": world.school.pk}).json()

    assert [row["id"] for row in by_badge["results"]] == [world.officer.pk]
    assert [row["id"] for row in by_school["results"]] == [world.officer.pk]


def test_a_token_authenticates_the_api(world, client) -> None:
    world.users["supervisor"].set_password("s3cret-enough-pass")
    world.users["supervisor"].save()

    token = client.post(
        "/api/v1/auth/token/", {"username": "the-supervisor", "password": "s3cret-enough-pass"}
    ).json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()

    assert me["roles"] == ["supervisor"]
    assert me["memberships"][0]["agency"] == "HOMEPD"


def test_an_officer_sees_only_themself_through_the_api(world, api_for) -> None:
    response = api_for(world.users["officer"]).get("/api/v1/officers/")

    assert [row["id"] for row in response.json()["results"]] == [world.officer.pk]
