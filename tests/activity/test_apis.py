"""The activity API: scope, outsiders get 404, bounded queries on lists."""

from __future__ import annotations

import pytest

from activity.models import Enrollment, Incident
from core.models import AuditEvent
from tests.factories.activity import ComplaintFactory, incident_with

pytestmark = pytest.mark.django_db


def _payload(world, **extra) -> dict:
    return {
        "officer": world.officer.pk,
        "school": world.school.pk,
        "incident_number": "26-0100",
        "date": "2026-10-02",
        "offense_category": "fight_assault",
        "actions": ["arrest", "use_of_force"],
        "force_level": 2,
        "race_ethnicity": "black",
        "sex": "female",
        "disability": "section_504",
        "english_learner": "not_el",
        "grade": "09",
        **extra,
    }


def test_a_supervisor_records_an_incident_with_its_actions(world, api_for) -> None:
    response = api_for(world.users["supervisor"]).post(
        "/api/v1/activity/incidents/new/", _payload(world), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["agency_code"] == "HOMEPD"
    assert sorted((a["action_type"], a["force_level"]) for a in body["actions"]) == [
        ("arrest", None),
        ("use_of_force", 2),
    ]
    assert AuditEvent.objects.filter(
        action="activity.incident_recorded", target_id=str(body["id"])
    ).exists()


def test_the_same_incident_number_is_refused_with_409(world, api_for) -> None:
    client = api_for(world.users["coordinator"])
    client.post("/api/v1/activity/incidents/new/", _payload(world), format="json")

    response = client.post("/api/v1/activity/incidents/new/", _payload(world), format="json")

    assert response.status_code == 409
    assert "already recorded" in response.json()["detail"]


def test_force_needs_a_level_and_a_level_needs_force(world, api_for) -> None:
    client = api_for(world.users["coordinator"])

    missing = client.post(
        "/api/v1/activity/incidents/new/", _payload(world, force_level=None), format="json"
    )
    stray = client.post(
        "/api/v1/activity/incidents/new/", _payload(world, actions=["warning"]), format="json"
    )

    assert missing.status_code == 400
    assert "Use of force needs its level" in missing.json()["detail"]
    assert stray.status_code == 400
    assert "no use of force" in stray.json()["detail"]
    assert Incident.objects.count() == 0


def test_an_outsider_cannot_record_for_an_officer_out_of_scope(world, api_for) -> None:
    response = api_for(world.users["supervisor"]).post(
        "/api/v1/activity/incidents/new/",
        _payload(world, officer=world.other_officer.pk),
        format="json",
    )

    assert response.status_code == 404
    assert (
        api_for(world.users["officer"])
        .post("/api/v1/activity/incidents/new/", _payload(world), format="json")
        .status_code
        == 403
    )


def test_incidents_are_listed_in_scope_with_bounded_queries(
    world, api_for, django_assert_max_num_queries
) -> None:
    for number in range(12):
        incident_with(
            "arrest",
            "search",
            officer=world.officer,
            school=world.school,
            incident_number=f"H-{number}",
        )
    theirs = incident_with("arrest", officer=world.other_officer, school=world.other_school)
    client = api_for(world.users["principal"])

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/activity/incidents/")

    assert response.json()["count"] == 12
    assert client.get(f"/api/v1/activity/incidents/{theirs.pk}/").status_code == 404
    assert api_for(world.users["officer"]).get("/api/v1/activity/incidents/").json()["count"] == 12


def test_complaints_list_and_update_in_scope(world, api_for, django_assert_max_num_queries) -> None:
    for _ in range(5):
        ComplaintFactory(school=world.school, officer=world.officer)
    theirs = ComplaintFactory(school=world.other_school, officer=world.other_officer)
    client = api_for(world.users["supervisor"])

    with django_assert_max_num_queries(6):
        listing = client.get("/api/v1/activity/complaints/")

    assert listing.json()["count"] == 5
    mine = listing.json()["results"][0]["id"]
    assert (
        client.post(
            f"/api/v1/activity/complaints/{theirs.pk}/update/",
            {"status": "investigating"},
            format="json",
        ).status_code
        == 404
    )
    updated = client.post(
        f"/api/v1/activity/complaints/{mine}/update/", {"status": "investigating"}, format="json"
    )
    assert updated.status_code == 200
    assert updated.json()["status"] == "investigating"
    assert api_for(world.users["officer"]).get("/api/v1/activity/complaints/").json()["count"] == 0


def test_enrollment_is_set_by_the_coordinator(world, api_for) -> None:
    client = api_for(world.users["coordinator"])
    figures = {"all": 900, "race_ethnicity:white": 600, "race_ethnicity:black": 300}

    response = client.post(
        "/api/v1/activity/enrollment/set/",
        {"school": world.school.pk, "period": world.period.pk, "figures": figures},
        format="json",
    )

    assert response.status_code == 200
    assert Enrollment.objects.filter(school=world.school).count() == 3
    outside = client.post(
        "/api/v1/activity/enrollment/set/",
        {"school": world.other_school.pk, "period": world.period.pk, "figures": figures},
        format="json",
    )
    assert outside.status_code == 404
    too_many = client.post(
        "/api/v1/activity/enrollment/set/",
        {
            "school": world.school.pk,
            "period": world.period.pk,
            "figures": {"all": 100, "sex:male": 101},
        },
        format="json",
    )
    assert too_many.status_code == 400


def test_officer_metrics_cover_only_visible_officers(
    world, api_for, django_assert_max_num_queries
) -> None:
    incident_with("arrest", officer=world.officer, school=world.school)
    incident_with("arrest", officer=world.other_officer, school=world.other_school)
    client = api_for(world.users["principal"])

    with django_assert_max_num_queries(14):
        response = client.get(f"/api/v1/activity/metrics/?period={world.period.pk}")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [world.officer.pk]
    assert response.json()[0]["counts_by_type"]["arrest"] == 1
    assert (
        client.get(f"/api/v1/activity/metrics/?period={world.other_period.pk}").status_code == 404
    )
