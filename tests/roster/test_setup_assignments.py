"""A coordinator places officers at the district's schools, changes the dates, ends them."""

from __future__ import annotations

import datetime

import pytest

from core.audit import audit_history
from core.errors import ApplicationError
from core.models import AuditEvent
from roster.models import Assignment, Membership
from roster.services.assignments import assignment_create, assignment_update
from tests.factories.roster import (
    AssignmentFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db
AUG = datetime.date(2026, 8, 1)
DEC = datetime.date(2026, 12, 31)


def _fresh_officer(world) -> object:
    return OfficerFactory(agency=world.agency, first_name="Ignatius", last_name="Vandersloot")


# Services


def test_assigning_an_officer_is_audited_with_the_district(world) -> None:
    officer = _fresh_officer(world)

    assignment = assignment_create(
        officer=officer, school=world.school, start_date=AUG, actor=world.users["coordinator"]
    )

    [event] = audit_history(assignment)
    assert (event.action, event.district_id) == ("assignment.created", world.district.pk)
    assert event.changes["start_date"] == [None, "2026-08-01"]


def test_the_same_officer_at_the_same_school_on_overlapping_days_is_refused(world) -> None:
    officer = _fresh_officer(world)
    AssignmentFactory(officer=officer, school=world.school, start_date=AUG, end_date=DEC)
    events = AuditEvent.objects.count()

    with pytest.raises(
        ApplicationError, match="already assigned to School HOME-HS from 2026-08-01"
    ):
        assignment_create(
            officer=officer,
            school=world.school,
            start_date=datetime.date(2026, 12, 1),
            actor=world.users["coordinator"],
        )

    assert Assignment.objects.filter(officer=officer).count() == 1
    assert AuditEvent.objects.count() == events


def test_an_officer_may_serve_two_schools_at_once(world) -> None:
    officer = _fresh_officer(world)
    second = SchoolFactory(district=world.district, code="HOME-ES")
    AssignmentFactory(officer=officer, school=world.school, start_date=AUG)

    assignment_create(
        officer=officer, school=second, start_date=AUG, actor=world.users["coordinator"]
    )

    assert Assignment.objects.filter(officer=officer).count() == 2


def test_a_new_assignment_after_the_last_one_ended_is_fine(world) -> None:
    officer = _fresh_officer(world)
    AssignmentFactory(officer=officer, school=world.school, start_date=AUG, end_date=DEC)

    assignment_create(
        officer=officer,
        school=world.school,
        start_date=DEC + datetime.timedelta(days=1),
        actor=world.users["coordinator"],
    )

    assert Assignment.objects.filter(officer=officer).count() == 2


def test_an_assignment_cannot_end_before_it_starts_and_nothing_is_stored(world) -> None:
    officer = _fresh_officer(world)

    with pytest.raises(ApplicationError, match="can't end before that"):
        assignment_create(
            officer=officer,
            school=world.school,
            start_date=DEC,
            end_date=AUG,
            actor=world.users["coordinator"],
        )

    assert not Assignment.objects.filter(officer=officer).exists()


def test_setting_the_end_date_ends_the_assignment_with_the_reason(world) -> None:
    assignment = Assignment.objects.get(officer=world.officer)

    assignment_update(
        assignment=assignment,
        start_date=assignment.start_date,
        end_date=DEC,
        actor=world.users["coordinator"],
        reason="Moved to patrol.",
    )

    assignment.refresh_from_db()
    assert assignment.end_date == DEC
    [event] = audit_history(assignment)
    assert (event.action, event.reason) == ("assignment.ended", "Moved to patrol.")


def test_moving_dates_onto_another_assignment_at_the_school_is_refused(world) -> None:
    officer = _fresh_officer(world)
    AssignmentFactory(officer=officer, school=world.school, start_date=AUG, end_date=DEC)
    later = AssignmentFactory(
        officer=officer, school=world.school, start_date=datetime.date(2027, 2, 1)
    )

    with pytest.raises(ApplicationError, match="already assigned"):
        assignment_update(
            assignment=later, start_date=DEC, end_date=None, actor=world.users["coordinator"]
        )

    later.refresh_from_db()
    assert later.start_date == datetime.date(2027, 2, 1)
    assert not audit_history(later)


# Pages


def test_the_coordinator_assigns_an_officer_and_a_double_click_creates_one(
    world, client_for
) -> None:
    officer = _fresh_officer(world)
    client = client_for(world.users["coordinator"])
    data = {"officer": officer.pk, "school": world.school.pk, "start_date": "2026-08-01"}

    first = client.post("/setup/assignments/new/", data)
    second = client.post("/setup/assignments/new/", data)

    assert first.status_code == 302
    assert first["Location"] == "/setup/assignments/"
    assert second.status_code == 200
    assert "already assigned to School HOME-HS" in second.text
    assert Assignment.objects.filter(officer=officer).count() == 1


def test_the_form_offers_only_the_districts_schools(world, client_for) -> None:
    officer = _fresh_officer(world)
    client = client_for(world.users["coordinator"])

    response = client.post(
        "/setup/assignments/new/",
        {"officer": officer.pk, "school": world.other_school.pk, "start_date": "2026-08-01"},
    )

    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not Assignment.objects.filter(officer=officer).exists()


def test_an_end_before_the_start_is_an_error_next_to_the_end_date(world, client_for) -> None:
    assignment = Assignment.objects.get(officer=world.officer)
    client = client_for(world.users["coordinator"])

    response = client.post(
        f"/setup/assignments/{assignment.pk}/",
        {"start_date": "2024-08-01", "end_date": "2024-07-01", "reason": ""},
    )

    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assignment.refresh_from_db()
    assert assignment.end_date is None


def test_the_coordinator_ends_an_assignment_on_the_page(world, client_for) -> None:
    assignment = Assignment.objects.get(officer=world.officer)
    client = client_for(world.users["coordinator"])

    response = client.post(
        f"/setup/assignments/{assignment.pk}/",
        {"start_date": "2024-08-01", "end_date": "2026-12-31", "reason": "Transferred."},
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.end_date == DEC


def test_the_list_filters_by_school_officer_and_current_or_ended(world, client_for) -> None:
    officer = _fresh_officer(world)
    ended = AssignmentFactory(
        officer=officer, school=world.school, start_date=AUG, end_date=datetime.date(2026, 9, 1)
    )
    client = client_for(world.users["coordinator"])

    def ids(**query) -> list[int]:
        return [a.pk for a in client.get("/setup/assignments/", query).context["page"]]

    current = Assignment.objects.get(officer=world.officer).pk
    assert sorted(ids()) == sorted([current, ended.pk])
    assert ids(status="ended") == [ended.pk]
    assert ids(status="current") == [current]
    assert ids(officer=officer.pk) == [ended.pk]
    assert sorted(ids(school=world.school.pk)) == sorted([current, ended.pk])


def test_the_assignment_list_costs_the_same_queries_for_many_assignments(
    world, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(60):
        AssignmentFactory(officer=OfficerFactory(agency=world.agency), school=world.school)
    client = client_for(world.users["coordinator"])

    with django_assert_max_num_queries(14):
        response = client.get("/setup/assignments/", {"page": 2})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 61


def test_another_districts_coordinator_gets_a_404_for_the_assignment(world, client_for) -> None:
    assignment = Assignment.objects.get(officer=world.officer)
    client = client_for(coordinator_of(world.other_district, username="the-outsider"))

    assert client.get(f"/setup/assignments/{assignment.pk}/").status_code == 404
    posted = client.post(
        f"/setup/assignments/{assignment.pk}/",
        {"start_date": "2024-08-01", "end_date": "2026-12-31"},
    )
    assert posted.status_code == 404
    assignment.refresh_from_db()
    assert assignment.end_date is None


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_manage_assignments(world, client_for, role) -> None:
    officer = _fresh_officer(world)
    assignment = Assignment.objects.get(officer=world.officer)
    client = client_for(world.users[role])

    assert client.get("/setup/assignments/").status_code == 403
    posted = client.post(
        "/setup/assignments/new/",
        {"officer": officer.pk, "school": world.school.pk, "start_date": "2026-08-01"},
    )
    assert posted.status_code == 403
    assert client.get(f"/setup/assignments/{assignment.pk}/").status_code == 404
    assert not Assignment.objects.filter(officer=officer).exists()


def test_an_inactive_coordinator_sees_no_assignments(world, client_for) -> None:
    user = coordinator_of(world.district, username="the-former-coordinator")
    Membership.objects.filter(user=user).update(is_active=False)
    client = client_for(user)
    assignment = Assignment.objects.get(officer=world.officer)

    assert client.get("/setup/assignments/").status_code == 403
    assert client.get(f"/setup/assignments/{assignment.pk}/").status_code == 404


# API


def test_the_coordinator_assigns_through_the_api_and_reads_the_assignment(world, api_for) -> None:
    officer = _fresh_officer(world)
    api = api_for(world.users["coordinator"])

    created = api.post(
        "/api/v1/assignments/",
        {"officer": officer.pk, "school": world.school.pk, "start_date": "2026-08-01"},
        format="json",
    )
    read = api.get(f"/api/v1/assignments/{created.json()['id']}/")

    assert created.status_code == 201
    assert read.json() == {
        "id": created.json()["id"],
        "officer": officer.pk,
        "school": world.school.pk,
        "start_date": "2026-08-01",
        "end_date": None,
    }


def test_an_overlapping_assignment_through_the_api_is_a_400_and_stores_nothing(
    world, api_for
) -> None:
    api = api_for(world.users["coordinator"])
    events = AuditEvent.objects.count()

    response = api.post(
        "/api/v1/assignments/",
        {"officer": world.officer.pk, "school": world.school.pk, "start_date": "2026-08-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "already assigned" in response.json()["detail"]
    assert Assignment.objects.filter(officer=world.officer).count() == 1
    assert AuditEvent.objects.count() == events


def test_bad_assignment_input_is_a_400_naming_the_fields(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    response = api.post(
        "/api/v1/assignments/",
        {"officer": world.officer.pk, "start_date": "first of August"},
        format="json",
    )

    assert response.status_code == 400
    assert {"school", "start_date"} <= set(response.json())


def test_another_districts_school_or_assignment_is_a_404_through_the_api(world, api_for) -> None:
    officer = _fresh_officer(world)
    api = api_for(world.users["coordinator"])
    away = Assignment.objects.get(officer=world.other_officer)

    created = api.post(
        "/api/v1/assignments/",
        {"officer": officer.pk, "school": world.other_school.pk, "start_date": "2026-08-01"},
        format="json",
    )
    patched = api.patch(
        f"/api/v1/assignments/{away.pk}/", {"end_date": "2026-12-31"}, format="json"
    )

    assert (created.status_code, patched.status_code) == (404, 404)
    away.refresh_from_db()
    assert away.end_date is None
    assert not Assignment.objects.filter(officer=officer).exists()


def test_the_coordinator_ends_an_assignment_through_the_api(world, api_for) -> None:
    assignment = Assignment.objects.get(officer=world.officer)
    api = api_for(world.users["coordinator"])

    response = api.patch(
        f"/api/v1/assignments/{assignment.pk}/",
        {"end_date": "2026-12-31", "reason": "Retired."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["end_date"] == "2026-12-31"
    assert [(e.action, e.reason) for e in audit_history(assignment)] == [
        ("assignment.ended", "Retired.")
    ]


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_write_assignments_through_the_api(world, api_for, role) -> None:
    assignment = Assignment.objects.get(officer=world.officer)
    api = api_for(world.users[role])

    patched = api.patch(
        f"/api/v1/assignments/{assignment.pk}/", {"end_date": "2026-12-31"}, format="json"
    )
    created = api.post(
        "/api/v1/assignments/",
        {"officer": world.officer.pk, "school": world.school.pk, "start_date": "2030-08-01"},
        format="json",
    )

    assert (patched.status_code, created.status_code) == (403, 403)
    assert Assignment.objects.filter(officer=world.officer).count() == 1
    assignment.refresh_from_db()
    assert assignment.end_date is None


def test_the_assignment_api_list_costs_the_same_queries_for_many_assignments(
    world, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        AssignmentFactory(officer=OfficerFactory(agency=world.agency), school=world.school)
    api = api_for(world.users["coordinator"])

    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/assignments/")

    assert response.json()["count"] == 31
