"""MOU reviews: opened with participants and a comment window, closed renewed or revised."""

from __future__ import annotations

import datetime

import pytest

from agreements.models import (
    Clause,
    MOUReview,
    ReviewDecision,
    ReviewParticipant,
    ReviewStatus,
)
from agreements.services.reviews import (
    Participant,
    review_close,
    review_open,
    review_schedule,
)
from agreements.services.versions import VersionTerms, version_create
from core.errors import ApplicationError
from core.models import AuditEvent
from tests.agreements.staff_world import mou_people
from tests.factories.agreements import PublicCommentFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 3, 1)
PEOPLE = [
    Participant("Marcus Bell", "school", "Riverside High"),
    Participant("Karen Miles", "agency", "Riverside Police Department"),
    Participant("Denise Carter", "civil_rights", "State Civil Liberties Union"),
    Participant("Luis Navarro", "community", "Parents for Safe Schools"),
]


def _open(people, *, window: tuple[datetime.date, datetime.date] | None = None) -> MOUReview:
    review = review_schedule(
        mou=people.mou, due_date=datetime.date(2027, 5, 1), actor=people.coordinator
    )
    return review_open(
        review=review,
        participants=[*PEOPLE, Participant("Marcus", "school", user_id=people.principal.pk)],
        comments_open_on=window[0] if window else None,
        comments_close_on=window[1] if window else None,
        actor=people.coordinator,
        on=DAY,
    )


def test_the_coordinator_opens_a_review_with_participants_and_a_comment_window() -> None:
    people = mou_people()
    review = _open(people, window=(DAY, DAY + datetime.timedelta(days=30)))
    assert (review.status, review.opened_on, review.opened_by) == (
        ReviewStatus.OPEN,
        DAY,
        people.coordinator,
    )
    assert review.base_version == people.mou.versions.get()
    assert set(review.participants.values_list("kind", flat=True)) == {
        "school",
        "agency",
        "civil_rights",
        "community",
    }
    assert review.participants.get(user=people.principal).name == "Marcus"
    assert list(
        AuditEvent.objects.filter(target_id=str(review.pk)).values_list("action", flat=True)
    ) == ["mou_review.scheduled", "mou_review.opened"]


def test_opening_without_participants_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    review = review_schedule(mou=people.mou, due_date=DAY, actor=people.coordinator)
    with pytest.raises(ApplicationError, match="at least one participant"):
        review_open(review=review, participants=[], actor=people.coordinator, on=DAY)
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCHEDULED
    assert not AuditEvent.objects.filter(action="mou_review.opened").exists()


def test_a_participant_account_from_another_district_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    review = review_schedule(mou=people.mou, due_date=DAY, actor=people.coordinator)
    with pytest.raises(ApplicationError, match="Participant 1 \\(Olga\\): the account is not"):
        review_open(
            review=review,
            participants=[Participant("Olga", "community", user_id=people.outsider.pk)],
            actor=people.coordinator,
            on=DAY,
        )
    assert not ReviewParticipant.objects.exists()
    assert MOUReview.objects.get().status == ReviewStatus.SCHEDULED


def test_a_second_pending_review_is_refused() -> None:
    people = mou_people()
    review_schedule(mou=people.mou, due_date=DAY, actor=people.coordinator)
    with pytest.raises(ApplicationError, match="already has a review due 2027-03-01"):
        review_schedule(mou=people.mou, due_date=DAY, actor=people.coordinator)
    assert MOUReview.objects.count() == 1


def test_closing_is_refused_while_the_comment_window_is_open_and_nothing_is_stored() -> None:
    people = mou_people()
    review = _open(people, window=(DAY, DAY + datetime.timedelta(days=30)))
    with pytest.raises(ApplicationError, match="open until 2027-03-31"):
        review_close(
            review=review,
            decision=ReviewDecision.RENEWED,
            reason="Works well.",
            comment_summary="Few comments.",
            actor=people.coordinator,
            on=DAY + datetime.timedelta(days=30),
        )
    review.refresh_from_db()
    people.mou.refresh_from_db()
    assert (review.status, review.decision, review.comment_count) == (ReviewStatus.OPEN, "", None)
    assert people.mou.next_review_date == datetime.date(2027, 5, 1)
    assert not AuditEvent.objects.filter(action="mou_review.closed").exists()


def test_renewed_as_is_moves_the_next_review_one_cycle_on_and_counts_the_comments() -> None:
    people = mou_people()
    review = _open(people, window=(DAY, DAY + datetime.timedelta(days=30)))
    PublicCommentFactory.create_batch(3, review=review)
    closed_on = DAY + datetime.timedelta(days=31)
    review_close(
        review=review,
        decision=ReviewDecision.RENEWED,
        reason="The MOU works; no one asked for a change.",
        comment_summary="Three comments, all supportive.",
        actor=people.coordinator,
        on=closed_on,
    )
    review.refresh_from_db()
    people.mou.refresh_from_db()
    assert (review.status, review.decision, review.comment_count, review.closed_on) == (
        ReviewStatus.CLOSED,
        ReviewDecision.RENEWED,
        3,
        closed_on,
    )
    assert people.mou.next_review_date == datetime.date(2028, 4, 1)
    assert people.mou.versions.filter(adopted_on__isnull=False).count() == 1
    event = AuditEvent.objects.get(action="mou_review.closed")
    assert event.reason == "The MOU works; no one asked for a change."
    assert event.changes["comment_count"] == [None, 3]


def test_revised_adopts_the_proposed_version_and_its_removal_window() -> None:
    people = mou_people()
    review = _open(people)
    proposed = version_create(
        mou=people.mou,
        terms=VersionTerms(
            removal_response_days=14,
            review_cycle_months=24,
            changes_en="Removal requests are answered in 14 days.",
            clauses={Clause.REMOVAL_REQUESTS: ("Answered within 14 days.", "En 14 días.")},
        ),
        actor=people.coordinator,
        review=review,
    )
    review_close(
        review=review,
        decision=ReviewDecision.REVISED,
        reason="Faster answers to removal requests.",
        comment_summary="",
        actor=people.coordinator,
        on=DAY,
    )
    proposed.refresh_from_db()
    people.mou.refresh_from_db()
    assert proposed.adopted_on == DAY
    assert people.mou.removal_response_days == 14
    assert people.mou.next_review_date == datetime.date(2029, 3, 1)
    assert AuditEvent.objects.filter(action="mou.updated", target_id=str(people.mou.pk)).exists()
    assert AuditEvent.objects.get(action="mou_review.closed").changes["adopted_version"] == [
        None,
        2,
    ]


def test_revised_without_a_proposed_version_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    review = _open(people)
    with pytest.raises(ApplicationError, match="needs a proposed version"):
        review_close(
            review=review,
            decision=ReviewDecision.REVISED,
            reason="Change it.",
            comment_summary="",
            actor=people.coordinator,
            on=DAY,
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN


def test_a_review_with_a_comment_window_needs_a_summary_to_close() -> None:
    people = mou_people()
    review = _open(people, window=(DAY, DAY))
    with pytest.raises(ApplicationError, match="summarise what the community said"):
        review_close(
            review=review,
            decision=ReviewDecision.RENEWED,
            reason="Fine.",
            comment_summary=" ",
            actor=people.coordinator,
            on=DAY + datetime.timedelta(days=1),
        )
    assert MOUReview.objects.get().status == ReviewStatus.OPEN
