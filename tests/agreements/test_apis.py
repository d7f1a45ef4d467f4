"""The MOU record's API: readers in scope, a coordinator writes, outsiders get 404."""

from __future__ import annotations

import datetime

import pytest

from agreements.models import MOUReview, MOUVersion, ReviewStatus
from core.dates import today
from core.models import AuditEvent
from tests.agreements.staff_world import mou_people
from tests.factories.agreements import MOUReviewFactory, worded_version
from tests.factories.roster import MOUFactory

pytestmark = pytest.mark.django_db


def test_the_principal_and_the_supervisor_read_the_versions_the_officer_none(api_for) -> None:
    people = mou_people()
    for reader in (people.coordinator, people.principal, people.supervisor):
        rows = api_for(reader).get("/api/v1/mou-versions/").json()["results"]
        assert [(r["number"], len(r["clauses"])) for r in rows] == [(1, 7)]
    assert api_for(people.officer).get("/api/v1/mou-versions/").json()["results"] == []
    assert api_for(people.outsider).get("/api/v1/mou-versions/").json()["results"] == []


def test_an_outsider_gets_404_for_a_version_a_review_and_their_actions(api_for) -> None:
    people = mou_people()
    version = people.mou.versions.get()
    review = MOUReviewFactory(mou=people.mou)
    client = api_for(people.outsider)
    assert client.get(f"/api/v1/mou-versions/{version.pk}/").status_code == 404
    assert client.get(f"/api/v1/mou-reviews/{review.pk}/").status_code == 404
    assert (
        client.post(f"/api/v1/mou-reviews/{review.pk}/open/", {}, format="json").status_code == 404
    )
    assert (
        client.post(f"/api/v1/mous/{people.mou.pk}/versions/", {}, format="json").status_code == 404
    )


def test_the_principal_reads_a_review_but_can_t_open_it_and_nothing_is_stored(api_for) -> None:
    people = mou_people()
    review = MOUReviewFactory(mou=people.mou)
    client = api_for(people.principal)
    assert client.get(f"/api/v1/mou-reviews/{review.pk}/").json()["status"] == "scheduled"
    answer = client.post(
        f"/api/v1/mou-reviews/{review.pk}/open/",
        {"participants": [{"name": "Marcus", "kind": "school"}]},
        format="json",
    )
    assert answer.status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCHEDULED


def test_the_coordinator_opens_and_closes_a_review(api_for) -> None:
    people = mou_people()
    review = MOUReviewFactory(mou=people.mou)
    client = api_for(people.coordinator)
    opened = client.post(
        f"/api/v1/mou-reviews/{review.pk}/open/",
        {
            "participants": [
                {"name": "Marcus Bell", "kind": "school", "user": people.principal.pk},
                {"name": "Denise Carter", "kind": "civil_rights", "organisation": "SCLU"},
            ]
        },
        format="json",
    )
    assert opened.status_code == 200, opened.json()
    assert {p["kind"] for p in opened.json()["participants"]} == {"school", "civil_rights"}
    closed = client.post(
        f"/api/v1/mou-reviews/{review.pk}/close/",
        {"decision": "renewed", "reason": "It works."},
        format="json",
    )
    assert closed.status_code == 200, closed.json()
    assert (closed.json()["status"], closed.json()["comment_count"]) == ("closed", 0)


def test_closing_while_the_window_is_open_answers_409_and_nothing_is_stored(api_for) -> None:
    people = mou_people()
    far = today() + datetime.timedelta(days=30)
    review = MOUReviewFactory(
        mou=people.mou,
        status=ReviewStatus.OPEN,
        comments_open_on=today(),
        comments_close_on=far,
    )
    answer = api_for(people.coordinator).post(
        f"/api/v1/mou-reviews/{review.pk}/close/",
        {"decision": "renewed", "reason": "Fine.", "comment_summary": "None yet."},
        format="json",
    )
    assert answer.status_code == 409
    assert f"open until {far:%Y-%m-%d}" in str(answer.json())
    assert MOUReview.objects.get().status == ReviewStatus.OPEN
    assert not AuditEvent.objects.filter(action="mou_review.closed").exists()


def test_the_coordinator_creates_a_draft_version_with_clauses(api_for) -> None:
    people = mou_people()
    answer = api_for(people.coordinator).post(
        f"/api/v1/mous/{people.mou.pk}/versions/",
        {
            "removal_response_days": 14,
            "clauses": [
                {"clause": "complaints", "text_en": "A public form.", "text_es": "Un formulario."}
            ],
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert (answer.json()["number"], answer.json()["adopted_on"]) == (2, None)
    assert answer.json()["clauses"] == [
        {"clause": "complaints", "text_en": "A public form.", "text_es": "Un formulario."}
    ]


def test_a_bad_clause_is_refused_by_name_and_nothing_is_stored(api_for) -> None:
    people = mou_people()
    answer = api_for(people.coordinator).post(
        f"/api/v1/mous/{people.mou.pk}/versions/",
        {"clauses": [{"clause": "parking", "text_en": "Officers park anywhere."}]},
        format="json",
    )
    assert answer.status_code == 400
    assert "parking" in str(answer.json())
    assert MOUVersion.objects.count() == 1


def test_the_version_list_takes_a_fixed_number_of_queries(
    api_for, django_assert_max_num_queries
) -> None:
    people = mou_people()
    for number in range(2, 12):
        worded_version(mou=people.mou, number=number, adopted_on=None)
    other = MOUFactory(
        district=people.mou.district, effective_date=datetime.date(2030, 1, 1), end_date=None
    )
    worded_version(mou=other, number=1)
    client = api_for(people.coordinator)
    with django_assert_max_num_queries(8):
        rows = client.get("/api/v1/mou-versions/").json()["results"]
    assert len(rows) == 12


def test_the_review_list_takes_a_fixed_number_of_queries(
    api_for, django_assert_max_num_queries
) -> None:
    people = mou_people()
    for day in range(1, 11):
        review = MOUReviewFactory(
            mou=people.mou,
            due_date=datetime.date(2020, 1, day),
            status=ReviewStatus.CLOSED,
            decision="renewed",
        )
        review.participants.create(name=f"Person {day}", kind="community")
    with django_assert_max_num_queries(8):
        rows = api_for(people.supervisor).get("/api/v1/mou-reviews/").json()["results"]
    assert len(rows) == 10
