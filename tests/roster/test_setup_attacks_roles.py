"""Attacks on the setup pages and APIs by the roles that don't set up: the principal, the
supervisor (even on their own agency's officers), the officer, a coordinator whose
membership was ended, anonymous; and by any browser without the CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from roster.models import MOU, Assignment, Membership, Role
from tests.roster.attacks import stored_rows

pytestmark = pytest.mark.django_db

NOT_SETTING_UP = [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER, "inactive"]


def _user(world, who: str):
    if who == "inactive":
        user = world.users[Role.COORDINATOR]
        Membership.objects.filter(user=user).update(is_active=False)
        return user
    return world.users[who]


def _api_writes(world) -> list[tuple[str, str, dict]]:
    assignment = Assignment.objects.get(officer=world.officer)
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    return [
        ("patch", f"/api/v1/districts/{world.district.pk}/", {"survey_min_responses": 9}),
        ("post", "/api/v1/schools/", {"code": "NEW", "name": "New School"}),
        ("patch", f"/api/v1/schools/{world.school.pk}/", {"name": "Renamed"}),
        ("post", "/api/v1/agencies/", {"code": "NEWPD", "name": "New PD"}),
        ("post", "/api/v1/agencies/link/", {"code": "AWAYPD"}),
        ("patch", f"/api/v1/agencies/{world.agency.pk}/", {"name": "Renamed"}),
        (
            "post",
            "/api/v1/officers/",
            {"agency": world.agency.pk, "badge_number": "S1", "first_name": "A", "last_name": "B"},
        ),
        ("patch", f"/api/v1/officers/{world.officer.pk}/", {"first_name": "Renamed"}),
        (
            "post",
            "/api/v1/assignments/",
            {"officer": world.officer.pk, "school": world.school.pk, "start_date": "2031-01-01"},
        ),
        ("patch", f"/api/v1/assignments/{assignment.pk}/", {"end_date": "2031-01-01"}),
        (
            "post",
            "/api/v1/mous/",
            {
                "district": world.district.pk,
                "agency": world.agency.pk,
                "effective_date": "2040-01-01",
            },
        ),
        ("patch", f"/api/v1/mous/{mou.pk}/", {"removal_response_days": 1}),
    ]


def _send(client, writes: list[tuple[str, str, dict]], **kwargs) -> dict[str, int]:
    """Each write's status, by URL."""
    return {
        url: getattr(client, method)(url, body, **kwargs).status_code
        for method, url, body in writes
    }


@pytest.mark.parametrize("who", NOT_SETTING_UP)
def test_no_setup_api_write_is_open_to_a_role_that_doesnt_set_up(world, api_for, who):
    api = api_for(_user(world, who))
    writes = _api_writes(world)
    before = stored_rows()

    answers = _send(api, writes, format="json")

    assert set(answers.values()) <= {403, 404}, answers
    assert stored_rows() == before


def test_anonymous_can_write_nothing_through_the_api(world):
    api = Client()
    writes = _api_writes(world)
    before = stored_rows()

    answers = _send(api, writes, content_type="application/json")

    assert set(answers.values()) <= {401, 403}, answers
    assert stored_rows() == before


def _page_posts(world) -> list[tuple[str, dict]]:
    assignment = Assignment.objects.get(officer=world.officer)
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    return [
        (
            reverse("roster:setup-district", args=[world.district.pk]),
            {
                "name": "Hijacked",
                "survey_min_responses": 9,
                "comment_min_responses": 9,
                "public_suppression_threshold": 10,
                "training_reminder_days": 30,
            },
        ),
        (reverse("roster:school-new"), {"code": "NEW", "name": "New", "level": "high"}),
        (
            reverse("roster:school-edit", args=[world.school.pk]),
            {"code": "HOME-HS", "name": "Renamed", "level": "high"},
        ),
        (reverse("roster:agency-new"), {"code": "NEWPD", "name": "New PD"}),
        (reverse("roster:agency-new"), {"link": "1", "link-code": "AWAYPD"}),
        (reverse("roster:agency-edit", args=[world.agency.pk]), {"code": "HOMEPD", "name": "R"}),
        (
            reverse("roster:officer-new"),
            {"agency": world.agency.pk, "badge_number": "S1", "first_name": "A", "last_name": "B"},
        ),
        (
            reverse("roster:officer-edit", args=[world.officer.pk]),
            {
                "agency": world.agency.pk,
                "badge_number": world.officer.badge_number,
                "first_name": "Renamed",
                "last_name": "B",
            },
        ),
        (
            reverse("roster:assignment-new"),
            {"officer": world.officer.pk, "school": world.school.pk, "start_date": "2031-01-01"},
        ),
        (
            reverse("roster:assignment-edit", args=[assignment.pk]),
            {"start_date": assignment.start_date.isoformat(), "end_date": "2031-01-01"},
        ),
        (
            reverse("roster:mou-new"),
            {
                "district": world.district.pk,
                "agency": world.agency.pk,
                "effective_date": "2040-01-01",
                "removal_response_days": 30,
            },
        ),
        (
            reverse("roster:mou-edit", args=[mou.pk]),
            {"effective_date": mou.effective_date.isoformat(), "removal_response_days": 1},
        ),
        (reverse("roster:import-columns"), {"badge_number": "Hijacked"}),
    ]


@pytest.mark.parametrize("who", NOT_SETTING_UP)
def test_no_setup_page_post_is_open_to_a_role_that_doesnt_set_up(world, client_for, who):
    client = client_for(_user(world, who))
    posts = _page_posts(world)
    before = stored_rows()

    answers = {url: client.post(url, body).status_code for url, body in posts}

    assert set(answers.values()) <= {403, 404}, answers
    assert stored_rows() == before


def test_anonymous_page_posts_go_to_the_login_page_and_store_nothing(world):
    client = Client()
    posts = _page_posts(world)
    before = stored_rows()

    answers = [client.post(url, body) for url, body in posts]

    assert all(a.status_code == 302 and "login" in a["Location"] for a in answers)
    assert stored_rows() == before


def test_every_setup_form_refuses_a_post_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.COORDINATOR])
    posts = _page_posts(world)
    before = stored_rows()

    answers = {url: client.post(url, body).status_code for url, body in posts}

    assert set(answers.values()) == {403}, answers
    assert stored_rows() == before


def test_the_api_refuses_a_session_write_without_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.COORDINATOR])
    writes = _api_writes(world)
    before = stored_rows()

    answers = _send(client, writes, content_type="application/json")

    assert set(answers.values()) == {403}, answers
    assert stored_rows() == before


def test_a_get_with_a_forms_data_in_the_query_writes_nothing(world, client_for):
    client = client_for(world.users[Role.COORDINATOR])
    posts = _page_posts(world)
    before = stored_rows()

    answers = [client.get(url, body).status_code for url, body in posts]

    world.district.refresh_from_db()
    assert set(answers) == {200}
    assert world.district.name != "Hijacked"
    assert stored_rows() == before


def test_a_supervisor_cant_open_the_edit_page_of_their_own_agencys_officer(world, client_for):
    client = client_for(world.users[Role.SUPERVISOR])

    edit = client.get(reverse("roster:officer-edit", args=[world.officer.pk]))
    new = client.get(reverse("roster:officer-new"))

    assert edit.status_code == 404
    assert new.status_code == 403
