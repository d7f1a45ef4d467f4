"""Attacks with odd input on the setup APIs and pages: privacy thresholds lowered past
their floor, huge, unicode and malformed values, the same write sent twice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from roster.models import MOU, Assignment, Officer, Role
from tests.roster.attacks import stored_rows

pytestmark = pytest.mark.django_db

HUGE = "Ş" * 10_000
NUL = "Evil\x00High"
BIG_INT = 10**30


@pytest.fixture
def coordinator(world):
    return world.users[Role.COORDINATOR]


# Privacy thresholds -----------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"survey_min_responses": 2},
        {"survey_min_responses": 0},
        {"survey_min_responses": -5},
        {"comment_min_responses": 4},
        {"survey_min_responses": 9},  # above the stored comment minimum (8)
        {"survey_min_responses": 6, "comment_min_responses": 5},
        {"public_suppression_threshold": 0},
        {"survey_min_responses": BIG_INT},
        {"survey_min_responses": "5; DROP TABLE"},
        {"survey_min_responses": None},
    ],
)
def test_the_api_refuses_a_threshold_past_its_floor(world, api_for, coordinator, change):
    world.district.survey_min_responses, world.district.comment_min_responses = 5, 8
    world.district.save()

    response = api_for(coordinator).patch(
        f"/api/v1/districts/{world.district.pk}/", change, format="json"
    )

    world.district.refresh_from_db()
    assert response.status_code == 400
    assert (world.district.survey_min_responses, world.district.comment_min_responses) == (5, 8)
    assert world.district.public_suppression_threshold >= 1
    assert not AuditEvent.objects.filter(action="district.settings_updated").exists()


@pytest.mark.parametrize(
    ("k", "comments"), [(2, 8), (0, 8), (5, 4), (9, 8), (BIG_INT, BIG_INT), ("x", 8)]
)
def test_the_settings_page_refuses_a_threshold_past_its_floor(
    world, client_for, coordinator, k, comments
):
    world.district.survey_min_responses, world.district.comment_min_responses = 5, 8
    world.district.save()

    response = client_for(coordinator).post(
        reverse("roster:setup-district", args=[world.district.pk]),
        {
            "name": world.district.name,
            "survey_min_responses": k,
            "comment_min_responses": comments,
            "public_suppression_threshold": 10,
            "training_reminder_days": 30,
        },
    )

    world.district.refresh_from_db()
    assert response.status_code == 400
    assert (world.district.survey_min_responses, world.district.comment_min_responses) == (5, 8)
    assert not AuditEvent.objects.filter(action="district.settings_updated").exists()


def test_two_half_changes_cant_add_up_to_comments_below_k(world, api_for, coordinator):
    """Raising k and lowering the comment minimum in two requests (as two tabs racing would)
    is checked against the stored row each time, not against what each request read."""
    world.district.survey_min_responses, world.district.comment_min_responses = 5, 8
    world.district.save()
    api = api_for(coordinator)
    url = f"/api/v1/districts/{world.district.pk}/"

    first = api.patch(url, {"survey_min_responses": 8}, format="json")
    second = api.patch(url, {"comment_min_responses": 5}, format="json")

    world.district.refresh_from_db()
    assert (first.status_code, second.status_code) == (200, 400)
    assert world.district.comment_min_responses >= world.district.survey_min_responses


# Huge, unicode and malformed values -------------------------------------------------------


def _bodies(world) -> list[tuple[str, str, dict]]:
    base_officer = {
        "agency": world.agency.pk,
        "badge_number": "B1",
        "first_name": "A",
        "last_name": "B",
    }
    return [
        ("post", "/api/v1/schools/", {"code": "OK1", "name": HUGE}),
        ("post", "/api/v1/schools/", {"code": HUGE, "name": "x"}),
        ("post", "/api/v1/schools/", {"code": "OK2", "name": NUL}),
        ("post", "/api/v1/schools/", {"code": "ÜBER SCHULE", "name": "x"}),
        ("post", "/api/v1/schools/", {"code": "OK3", "name": "x", "enrollment": BIG_INT}),
        ("post", "/api/v1/schools/", {"code": "OK4", "name": "x", "level": "<script>"}),
        ("post", "/api/v1/schools/", ["not", "an", "object"]),
        ("post", "/api/v1/agencies/", {"code": "OKPD", "name": "x", "contact_email": "not@"}),
        ("post", "/api/v1/agencies/", {"code": "OKPD", "name": "x", "contact_phone": HUGE}),
        ("post", "/api/v1/agencies/link/", {"code": HUGE}),
        ("post", "/api/v1/agencies/link/", {"code": NUL}),
        ("post", "/api/v1/officers/", {**base_officer, "first_name": HUGE}),
        ("post", "/api/v1/officers/", {**base_officer, "badge_number": NUL}),
        ("post", "/api/v1/officers/", {**base_officer, "email": "a@" + "b" * 300 + ".org"}),
        ("post", "/api/v1/officers/", {**base_officer, "agency": BIG_INT}),
        ("post", "/api/v1/officers/", {**base_officer, "agency": "1 OR 1=1"}),
        ("patch", f"/api/v1/officers/{world.officer.pk}/", {"last_name": "   "}),
        (
            "post",
            "/api/v1/assignments/",
            {"officer": world.officer.pk, "school": world.school.pk, "start_date": "0000-01-01"},
        ),
        (
            "post",
            "/api/v1/assignments/",
            {"officer": BIG_INT, "school": world.school.pk, "start_date": "2031-01-01"},
        ),
        (
            "post",
            "/api/v1/mous/",
            {
                "district": world.district.pk,
                "agency": world.agency.pk,
                "effective_date": "2040-01-01",
                "removal_response_days": BIG_INT,
            },
        ),
        (
            "post",
            "/api/v1/mous/",
            {
                "district": world.district.pk,
                "agency": world.agency.pk,
                "effective_date": "2040-01-01",
                "end_date": "2039-01-01",
            },
        ),
    ]


def test_huge_unicode_and_malformed_values_are_400s_not_500s(world, api_for, coordinator):
    api = api_for(coordinator)
    api.raise_request_exception = False
    bodies = _bodies(world)
    before = stored_rows()

    answers = {
        f"{url} {body!r:.80}": getattr(api, method)(url, body, format="json").status_code
        for method, url, body in bodies
    }

    assert {k: v for k, v in answers.items() if v not in (400, 404)} == {}
    assert stored_rows() == before


@pytest.mark.parametrize(
    "body",
    [
        {"code": "OK1", "name": HUGE, "level": "high"},
        {"code": HUGE, "name": "x", "level": "high"},
        {"code": "OK2", "name": NUL, "level": "high"},
        {"code": "OK3", "name": "x", "level": "high", "enrollment": str(BIG_INT)},
    ],
)
def test_the_school_page_refuses_huge_and_odd_values(world, client_for, coordinator, body):
    client = client_for(coordinator)
    client.raise_request_exception = False
    before = stored_rows()

    response = client.post(reverse("roster:school-new"), body)

    assert response.status_code == 400
    assert stored_rows() == before


def test_unicode_names_are_stored_as_typed(world, api_for, coordinator):
    response = api_for(coordinator).post(
        "/api/v1/officers/",
        {
            "agency": world.agency.pk,
            "badge_number": "Ñ-7",
            "first_name": "Zoë",
            "last_name": "Ngũgĩ-O'Brien 李",
            "email": "zoe@example.org",
        },
        format="json",
    )

    assert response.status_code == 201
    assert Officer.objects.get(badge_number="Ñ-7").last_name == "Ngũgĩ-O'Brien 李"


# The same write twice ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/schools/", {"code": "TWICE", "name": "Twice High"}),
        ("/api/v1/agencies/", {"code": "TWICEPD", "name": "Twice PD"}),
        ("/api/v1/agencies/link/", {"code": "AWAYPD"}),
        ("officers", None),
        ("assignments", None),
        ("mous", None),
    ],
)
def test_a_double_post_creates_once(world, api_for, coordinator, url, body):
    if body is None:
        url, body = {
            "officers": (
                "/api/v1/officers/",
                {
                    "agency": world.agency.pk,
                    "badge_number": "T2",
                    "first_name": "A",
                    "last_name": "B",
                },
            ),
            "assignments": (
                "/api/v1/assignments/",
                {
                    "officer": world.officer.pk,
                    "school": world.school.pk,
                    "start_date": "2031-01-01",
                },
            ),
            "mous": (
                "/api/v1/mous/",
                {
                    "district": world.district.pk,
                    "agency": world.agency.pk,
                    "effective_date": "2040-01-01",
                },
            ),
        }[url]
    if url == "/api/v1/assignments/":
        Assignment.objects.filter(officer=world.officer).update(end_date="2030-12-31")
    if url == "/api/v1/mous/":
        MOU.objects.filter(district=world.district).update(end_date="2039-12-31")
    api = api_for(coordinator)

    first = api.post(url, body, format="json")
    after_first = stored_rows()
    second = api.post(url, body, format="json")

    assert first.status_code == 201
    assert second.status_code == 400
    assert stored_rows() == after_first
