"""The evaluation and rubric API: scoping, the lock, conflicts and the workflow."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluations.models import EvaluationStatus, Rubric
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_review, evaluation_submit
from tests.factories.evaluations import all_levels, default_rubric, started_evaluation
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory, principal_of

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _submitted(draft, principal):
    evaluation_update(
        evaluation=draft, actor=principal, expected_version=1, ratings=all_levels(draft, 3)
    )
    return evaluation_submit(evaluation=draft, actor=principal)


@pytest.fixture
def other_principal(world):
    """A principal in the same district, at a school where the officer never served."""
    return principal_of(SchoolFactory(district=world.district), username="principal-elsewhere")


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("post", "update/"),
        ("post", "notes/"),
        ("post", "attachments/"),
        ("post", "submit/"),
        ("post", "review/"),
        ("post", "return/"),
        ("post", "acknowledge/"),
        ("get", "history/"),
    ],
)
def test_a_principal_of_another_school_gets_404(
    api_for, draft, other_principal, method, suffix
) -> None:
    response = getattr(api_for(other_principal), method)(
        f"{API}/evaluations/{draft.pk}/{suffix}", {}, format="json"
    )

    assert response.status_code in (403, 404)
    if method == "get" or suffix in ("update/", "notes/", "attachments/", "submit/"):
        assert response.status_code == 404


def test_a_principal_of_another_school_does_not_see_it_listed(
    api_for, draft, other_principal
) -> None:
    response = api_for(other_principal).get(f"{API}/evaluations/")

    assert response.json()["results"] == []


def test_the_principal_starts_saves_and_submits_through_the_api(api_for, world, principal) -> None:
    default_rubric(world.district)
    client = api_for(principal)

    started = client.post(
        f"{API}/evaluations/start/",
        {"officer": world.officer.pk, "school": world.school.pk, "period": world.period.pk},
        format="json",
    )
    assert started.status_code == 201, started.content
    body = started.json()
    assert body["status"] == "draft"
    assert body["ratings"][0]["descriptors"]["1"].startswith("Escalates situations")
    pk, version = body["id"], body["version"]
    ratings = {r["code"]: {"level": 3, "evidence": ""} for r in body["ratings"]}
    ratings["de_escalation"] = {
        "level": 1,
        "evidence": "Escalated a hallway argument on 2 October.",
    }

    saved = client.post(
        f"{API}/evaluations/{pk}/update/",
        {"version": version, "ratings": ratings, "commendations": "Mentors students."},
        format="json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["overall_label"] == "Developing"

    submitted = client.post(f"{API}/evaluations/{pk}/submit/", {}, format="json")
    again = client.post(f"{API}/evaluations/{pk}/submit/", {}, format="json")
    assert submitted.status_code == again.status_code == 200
    assert submitted.json()["status"] == again.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"] == again.json()["submitted_at"]


def test_a_locked_evaluation_cannot_be_changed_through_the_api(api_for, draft, principal) -> None:
    submitted = _submitted(draft, principal)

    response = api_for(principal).post(
        f"{API}/evaluations/{draft.pk}/update/",
        {"version": submitted.version, "commendations": "Edited after signing."},
        format="json",
    )
    note = api_for(principal).post(
        f"{API}/evaluations/{draft.pk}/notes/",
        {"observed_on": "2026-09-01", "text": "Late note."},
        format="json",
    )

    assert response.status_code == 409
    assert "is locked (submitted): it can't be changed" in response.json()["detail"]
    assert note.status_code == 409
    submitted.refresh_from_db()
    assert submitted.commendations == ""
    assert submitted.notes.count() == 0


def test_the_second_of_two_concurrent_api_edits_gets_a_conflict(
    api_for, draft, principal, coordinator
) -> None:
    first = api_for(coordinator).post(
        f"{API}/evaluations/{draft.pk}/update/",
        {"version": 1, "commendations": "First."},
        format="json",
    )
    second = api_for(principal).post(
        f"{API}/evaluations/{draft.pk}/update/",
        {"version": 1, "commendations": "Second."},
        format="json",
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    assert "Someone else saved this evaluation" in second.json()["detail"]
    draft.refresh_from_db()
    assert draft.commendations == "First."


def test_the_supervisor_returns_and_the_principal_edits_again(
    api_for, draft, principal, supervisor
) -> None:
    _submitted(draft, principal)

    returned = api_for(supervisor).post(
        f"{API}/evaluations/{draft.pk}/return/", {"reason": "Evidence needs dates."}, format="json"
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    edited = api_for(principal).post(
        f"{API}/evaluations/{draft.pk}/update/",
        {"version": returned.json()["version"], "commendations": "Dated."},
        format="json",
    )

    assert edited.status_code == 200
    assert edited.json()["commendations"] == "Dated."


def test_the_officer_acknowledges_with_a_disagreement(
    api_for, draft, principal, supervisor, officer_user
) -> None:
    _submitted(draft, principal)
    evaluation_review(evaluation=draft, actor=supervisor)
    client = api_for(officer_user)

    refused = client.post(
        f"{API}/evaluations/{draft.pk}/acknowledge/", {"agrees": False}, format="json"
    )
    accepted = client.post(
        f"{API}/evaluations/{draft.pk}/acknowledge/",
        {"agrees": False, "response": "The incident was a fight I stopped."},
        format="json",
    )

    assert refused.status_code == 400
    assert "write your response" in refused.json()["detail"]
    assert accepted.status_code == 200
    assert accepted.json()["status"] == EvaluationStatus.ACKNOWLEDGED
    assert accepted.json()["officer_response"] == "The incident was a fight I stopped."


def test_the_officer_does_not_see_an_unreviewed_evaluation(
    api_for, draft, principal, officer_user
) -> None:
    _submitted(draft, principal)

    assert api_for(officer_user).get(f"{API}/evaluations/{draft.pk}/").status_code == 404


def test_the_history_endpoint_lists_who_changed_what(api_for, draft, principal) -> None:
    evaluation_update(evaluation=draft, actor=principal, expected_version=1, commendations="Kind.")

    history = api_for(principal).get(f"{API}/evaluations/{draft.pk}/history/").json()

    assert [h["action"] for h in history] == ["evaluation.started", "evaluation.updated"]
    assert history[1]["actor"] == "the-principal"
    assert history[1]["changes"] == {"commendations": ["", "Kind."]}


def test_attachments_upload_and_download_within_scope_only(
    api_for, draft, principal, other_principal
) -> None:
    upload = SimpleUploadedFile(
        "photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png"
    )
    created = api_for(principal).post(
        f"{API}/evaluations/{draft.pk}/attachments/", {"file": upload}, format="multipart"
    )
    assert created.status_code == 201, created.content
    url = f"{API}/evaluations/attachments/{created.json()['id']}/"

    mine = api_for(principal).get(url)
    theirs = api_for(other_principal).get(url)

    assert mine.status_code == 200
    assert b"".join(mine.streaming_content).startswith(b"\x89PNG")
    assert theirs.status_code == 404


def test_an_attachment_is_removed_by_the_principal_only(
    api_for, draft, principal, other_principal, supervisor
) -> None:
    upload = SimpleUploadedFile(
        "photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png"
    )
    created = (
        api_for(principal)
        .post(f"{API}/evaluations/{draft.pk}/attachments/", {"file": upload}, format="multipart")
        .json()
    )
    url = f"{API}/evaluations/attachments/{created['id']}/remove/"

    assert api_for(other_principal).post(url).status_code == 404
    assert api_for(supervisor).post(url).status_code == 403
    assert draft.attachments.count() == 1
    assert api_for(principal).post(url).status_code == 204
    assert draft.attachments.count() == 0
    assert api_for(principal).post(url).status_code == 404


def test_the_to_do_list_shows_each_officer_with_status_and_due_date(
    api_for, world, draft, principal
) -> None:
    rows = api_for(principal).get(f"{API}/evaluations/to-do/").json()

    assert rows == [
        {
            "officer": world.officer.pk,
            "officer_name": world.officer.full_name,
            "school": world.school.pk,
            "school_code": world.school.code,
            "evaluation": draft.pk,
            "status": "Draft",
            "due_date": "2027-06-16",
            "overdue": False,
        }
    ]


def test_the_list_runs_a_bounded_number_of_queries(
    api_for, world, principal, django_assert_max_num_queries
) -> None:
    rubric = default_rubric(world.district)
    for _ in range(8):
        officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officer, school=world.school)
        started_evaluation(
            officer=officer,
            school=world.school,
            period=world.period,
            principal=principal,
            rubric=rubric,
        )
    client = api_for(principal)

    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/evaluations/")

    assert response.json()["count"] == 8


def test_rubrics_are_listed_and_a_revision_of_one_in_use_is_a_new_version(
    api_for, world, draft, coordinator
) -> None:
    client = api_for(coordinator)
    [listed] = client.get(f"{API}/rubrics/").json()["results"]
    assert listed["in_use"] is True
    competencies = [
        {k: v for k, v in c.items() if k not in ("id", "position")} for c in listed["competencies"]
    ]

    revised = client.post(
        f"{API}/rubrics/{listed['id']}/revise/",
        {"name": listed["name"], "description": "v2", "competencies": competencies},
        format="json",
    )

    assert revised.status_code == 200, revised.content
    assert revised.json()["version"] == 2
    assert Rubric.objects.filter(district=world.district).count() == 2


def test_only_a_coordinator_revises_rubrics(api_for, world, principal) -> None:
    rubric = default_rubric(world.district)

    response = api_for(principal).post(f"{API}/rubrics/{rubric.pk}/revise/", {}, format="json")

    assert response.status_code == 403


def test_a_coordinator_loads_the_default_rubric(api_for, world, coordinator) -> None:
    response = api_for(coordinator).post(
        f"{API}/rubrics/load-default/", {"district": world.district.pk}, format="json"
    )
    elsewhere = api_for(coordinator).post(
        f"{API}/rubrics/load-default/", {"district": world.other_district.pk}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["code"] == "secure_sro"
    assert elsewhere.status_code == 404


def test_a_principal_cannot_start_an_evaluation_of_an_officer_at_another_school(
    api_for, world, other_principal
) -> None:
    default_rubric(world.district)

    response = api_for(other_principal).post(
        f"{API}/evaluations/start/",
        {"officer": world.officer.pk, "school": world.school.pk, "period": world.period.pk},
        format="json",
    )

    assert response.status_code == 404


def test_the_to_do_list_runs_a_bounded_number_of_queries(
    api_for, world, principal, django_assert_max_num_queries
) -> None:
    rubric = default_rubric(world.district)
    for n in range(10):
        officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officer, school=world.school)
        if n % 2:
            started_evaluation(
                officer=officer,
                school=world.school,
                period=world.period,
                principal=principal,
                rubric=rubric,
            )
    client = api_for(principal)

    with django_assert_max_num_queries(6):
        rows = client.get(f"{API}/evaluations/to-do/").json()

    assert len(rows) == 11
    assert sorted(r["status"] for r in rows).count("Draft") == 5
