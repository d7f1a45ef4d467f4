"""Removal request endpoints: who may file and answer, what the officer sees, locking."""

from __future__ import annotations

import datetime

import pytest

from core.dates import today
from flags.models import RemovalRequest, RemovalStatus
from flags.services.removals import removal_request_decide, removal_request_file
from tests.factories.flags import RemovalRequestFactory, RemovalSetting, removal_setting
from tests.factories.roster import AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def filed(s: RemovalSetting) -> RemovalRequest:
    return removal_request_file(
        officer=s.officer, school=s.school, filed_by=s.principal, reason="Unneeded arrests."
    )


def test_a_principal_files_through_the_api(s, api_for) -> None:
    response = api_for(s.principal).post(
        "/api/v1/removal-requests/create/",
        {
            "officer": s.officer.pk,
            "school": s.school.pk,
            "reason": "Handcuffed a 12-year-old for defiance.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["due_date"] == (today() + datetime.timedelta(days=45)).isoformat()


def test_a_principal_cannot_file_for_an_officer_at_another_school(s, api_for) -> None:
    client = api_for(s.principal)
    response = client.post(
        "/api/v1/removal-requests/create/",
        {"officer": s.officer_elsewhere.pk, "school": s.school.pk, "reason": "x"},
        format="json",
    )
    assert response.status_code == 404, "the officer is outside the principal's scope"
    response = client.post(
        "/api/v1/removal-requests/create/",
        {"officer": s.officer.pk, "school": s.other_school.pk, "reason": "x"},
        format="json",
    )
    assert response.status_code == 404, "the school is outside the principal's scope"
    assert not RemovalRequest.objects.exists()


def test_other_roles_cannot_file(s, api_for) -> None:
    for user in (s.supervisor, s.coordinator, s.officer_user):
        response = api_for(user).post(
            "/api/v1/removal-requests/create/",
            {"officer": s.officer.pk, "school": s.school.pk, "reason": "x"},
            format="json",
        )
        assert response.status_code == 403


def test_the_agency_decides_and_a_decided_request_answers_409(s, api_for) -> None:
    request = filed(s)
    client = api_for(s.supervisor)
    assert (
        client.post(f"/api/v1/removal-requests/{request.pk}/review/").json()["status"]
        == "under_review"
    )
    response = client.post(
        f"/api/v1/removal-requests/{request.pk}/decide/",
        {
            "granted": True,
            "assignment_end_date": (today() + datetime.timedelta(days=7)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "granted"
    again = client.post(
        f"/api/v1/removal-requests/{request.pk}/decide/",
        {"granted": False, "reasons": "No."},
        format="json",
    )
    assert again.status_code == 409
    assert "locked" in again.json()["detail"]
    withdraw = api_for(s.principal).post(
        f"/api/v1/removal-requests/{request.pk}/withdraw/", {}, format="json"
    )
    assert withdraw.status_code == 409
    request.refresh_from_db()
    assert request.status == RemovalStatus.GRANTED


def test_a_denial_without_reasons_is_refused(s, api_for) -> None:
    request = filed(s)
    response = api_for(s.supervisor).post(
        f"/api/v1/removal-requests/{request.pk}/decide/", {"granted": False}, format="json"
    )
    assert response.status_code == 400
    assert "reasons" in response.json()["detail"]


def test_the_officer_sees_the_request_and_its_decision_but_not_the_reasons(s, api_for) -> None:
    request = filed(s)
    removal_request_decide(
        request=request, actor=s.supervisor, granted=False, reasons="Policy followed."
    )
    data = api_for(s.officer_user).get(f"/api/v1/removal-requests/{request.pk}/").json()
    assert data["status"] == "denied"
    assert data["decided_at"] is not None
    assert data["reason"] is None
    assert data["decision_reasons"] is None
    principal_view = api_for(s.principal).get(f"/api/v1/removal-requests/{request.pk}/").json()
    assert principal_view["reason"] == "Unneeded arrests."
    assert principal_view["decision_reasons"] == "Policy followed."


def test_people_outside_the_school_and_agency_get_404(s, api_for) -> None:
    request = filed(s)
    for outsider in (s.other_principal, s.other_supervisor):
        client = api_for(outsider)
        assert client.get(f"/api/v1/removal-requests/{request.pk}/").status_code == 404
        assert request.pk not in [
            row["id"] for row in client.get("/api/v1/removal-requests/").json()["results"]
        ]
    assert (
        api_for(s.other_supervisor)
        .post(
            f"/api/v1/removal-requests/{request.pk}/decide/",
            {"granted": False, "reasons": "No."},
            format="json",
        )
        .status_code
        == 404
    )


def test_the_list_runs_a_fixed_number_of_queries(s, api_for, django_assert_max_num_queries) -> None:
    for _ in range(12):
        officer = OfficerFactory(agency=s.officer.agency)
        AssignmentFactory(officer=officer, school=s.school, start_date=datetime.date(2020, 8, 1))
        RemovalRequestFactory(officer=officer, filed_by=s.principal)
    client = api_for(s.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/removal-requests/")
    assert response.json()["count"] == 12
