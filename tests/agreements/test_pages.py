"""The MOU record's staff pages, as the coordinator, the principal, the supervisor and the officer."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import MOUReview, MOUVersion, ReviewStatus
from core.dates import today
from tests.agreements.staff_world import mou_people
from tests.factories.agreements import MOUReviewFactory, MOUVersionFactory, worded_version

pytestmark = pytest.mark.django_db


def test_the_principal_and_the_supervisor_read_the_record_the_officer_gets_404(client_for) -> None:
    people = mou_people()
    url = f"/agreements/mous/{people.mou.pk}/"
    for reader in (people.coordinator, people.principal, people.supervisor):
        page = client_for(reader).get(url)
        assert page.status_code == 200
        assert "Version 1</a> (in force)" in page.content.decode()
    assert "Schedule a review" in client_for(people.coordinator).get(url).content.decode()
    assert "Schedule a review" not in client_for(people.principal).get(url).content.decode()
    assert client_for(people.officer).get(url).status_code == 404
    assert client_for(people.outsider).get(url).status_code == 404


def test_an_mou_without_a_version_asks_for_its_text(client_for) -> None:
    people = mou_people(with_version=False)
    page = client_for(people.coordinator).get(f"/agreements/mous/{people.mou.pk}/")
    assert "No version recorded yet — add the MOU's text." in page.content.decode()
    form = client_for(people.coordinator).post(
        f"/agreements/mous/{people.mou.pk}/versions/new/",
        {
            "text": "The agreement as signed.",
            "removal_response_days": "30",
            "review_cycle_months": "12",
            "bars_ordinary_discipline": "on",
            "complaints_en": "Complaints go to internal affairs.",
        },
    )
    version = MOUVersion.objects.get()
    assert form.status_code == 302
    assert (version.number, version.adopted_on) == (1, people.mou.effective_date)


def test_the_principal_can_t_open_the_version_form(client_for) -> None:
    people = mou_people()
    page = client_for(people.principal).post(
        f"/agreements/mous/{people.mou.pk}/versions/new/",
        {"removal_response_days": "30", "review_cycle_months": "12"},
    )
    assert page.status_code == 404
    assert MOUVersion.objects.count() == 1


def test_editing_an_adopted_version_is_refused_with_a_message(client_for) -> None:
    people = mou_people()
    version = people.mou.versions.get()
    client = client_for(people.coordinator)
    answer = client.post(
        f"/agreements/versions/{version.pk}/edit/",
        {"text": "Changed.", "removal_response_days": "5", "review_cycle_months": "12"},
        follow=True,
    )
    assert "adopted on 2024-07-01 and never changes" in answer.content.decode()
    version.refresh_from_db()
    assert version.removal_response_days == 30


def test_the_coordinator_opens_a_review_from_the_page_with_named_participants(client_for) -> None:
    people = mou_people()
    review = MOUReviewFactory(mou=people.mou)
    start = today()
    answer = client_for(people.coordinator).post(
        f"/agreements/reviews/{review.pk}/open/",
        {
            "participants": "school | Marcus Bell | Riverside High | marcus\n"
            "Civil-rights organisation | Denise Carter | SCLU\n\n"
            "juvenile_justice | Judge Ortega",
            "comments_open_on": start.isoformat(),
            "comments_close_on": (start + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert answer.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    assert list(review.participants.values_list("name", "kind", "user__username")) == [
        ("Denise Carter", "civil_rights", None),
        ("Judge Ortega", "juvenile_justice", None),
        ("Marcus Bell", "school", "marcus"),
    ]
    page = client_for(people.coordinator).get(f"/agreements/reviews/{review.pk}/")
    body = page.content.decode()
    assert "The review can close once the comment window is over." in body
    assert "Community comments" in body


def test_a_bad_participant_line_is_named_and_nothing_is_stored(client_for) -> None:
    people = mou_people()
    review = MOUReviewFactory(mou=people.mou)
    answer = client_for(people.coordinator).post(
        f"/agreements/reviews/{review.pk}/open/",
        {"participants": "school | Marcus Bell\nsheriffs | Pat Doe"},
    )
    assert answer.status_code == 400
    assert "Line 2: &#x27;sheriffs&#x27; is not a kind" in answer.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCHEDULED
    assert not review.participants.exists()


def test_the_close_form_refuses_while_the_window_is_open(client_for) -> None:
    people = mou_people()
    review = MOUReviewFactory(
        mou=people.mou,
        status=ReviewStatus.OPEN,
        comments_open_on=today(),
        comments_close_on=today(),
    )
    answer = client_for(people.coordinator).post(
        f"/agreements/reviews/{review.pk}/close/",
        {"decision": "renewed", "reason": "Fine.", "comment_summary": "Nothing."},
    )
    assert answer.status_code == 400
    assert "the review can close from the day after" in answer.content.decode()
    assert MOUReview.objects.get().status == ReviewStatus.OPEN


def test_the_comparison_page_marks_the_changed_clause(client_for) -> None:
    people = mou_people()
    base = people.mou.versions.get()
    other = worded_version(mou=people.mou, number=2, adopted_on=None)
    other.clauses.filter(clause="complaints").update(text_en="Complaints: on the public form.")
    page = client_for(people.supervisor).get(
        f"/agreements/versions/{base.pk}/compare/?with={other.pk}"
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('class="changed"') == 1
    assert "<del>parties agree.</del>" in body
    assert "<ins>public form.</ins>" in body
    stranger = MOUVersionFactory()
    assert (
        client_for(people.coordinator)
        .get(f"/agreements/versions/{base.pk}/compare/?with={stranger.pk}")
        .status_code
        == 404
    )


def test_the_roster_mou_list_links_to_the_record(client_for) -> None:
    people = mou_people()
    page = client_for(people.coordinator).get("/setup/mous/")
    assert f'href="/agreements/mous/{people.mou.pk}/"' in page.content.decode()


def test_the_record_page_takes_a_fixed_number_of_queries(
    client_for, django_assert_max_num_queries
) -> None:
    people = mou_people()
    for number in range(2, 10):
        MOUVersionFactory(mou=people.mou, number=number, adopted_on=None)
    for day in range(1, 9):
        MOUReviewFactory(
            mou=people.mou,
            due_date=datetime.date(2020, 1, day),
            status=ReviewStatus.CLOSED,
            decision="renewed",
        )
    client = client_for(people.principal)
    with django_assert_max_num_queries(12):
        assert client.get(f"/agreements/mous/{people.mou.pk}/").status_code == 200


def test_the_coordinator_proposes_a_revision_compares_it_and_closes_as_revised(
    client_for,
) -> None:
    people = mou_people()
    review = MOUReviewFactory(
        mou=people.mou,
        status=ReviewStatus.OPEN,
        base_version=people.mou.versions.get(),
    )
    client = client_for(people.coordinator)
    proposed = client.post(
        f"/agreements/reviews/{review.pk}/propose/",
        {
            "removal_response_days": "14",
            "review_cycle_months": "12",
            "bars_ordinary_discipline": "on",
            "changes_en": "Faster answers.",
            "removal_requests_en": "Answered within 14 days.",
        },
    )
    assert proposed.status_code == 302
    review.refresh_from_db()
    assert review.proposed_version is not None
    assert review.proposed_version.adopted_on is None
    detail = client.get(f"/agreements/reviews/{review.pk}/").content.decode()
    assert f"?with={review.proposed_version.pk}" in detail
    closed = client.post(
        f"/agreements/reviews/{review.pk}/close/",
        {"decision": "revised", "reason": "Faster answers.", "comment_summary": ""},
    )
    assert closed.status_code == 302
    people.mou.refresh_from_db()
    assert people.mou.removal_response_days == 14
    assert "Revised" in client.get(f"/agreements/reviews/{review.pk}/").content.decode()


def test_an_uploaded_mou_is_downloaded_as_the_type_its_content_is(client_for) -> None:
    people = mou_people()
    answer = client_for(people.coordinator).post(
        f"/agreements/mous/{people.mou.pk}/versions/new/",
        {
            "removal_response_days": "30",
            "review_cycle_months": "12",
            "document": SimpleUploadedFile("mou.html", b"%PDF-1.7 signed", "text/html"),
        },
    )
    assert answer.status_code == 302
    version = MOUVersion.objects.get(number=2)
    download = client_for(people.principal).get(f"/agreements/versions/{version.pk}/document/")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
