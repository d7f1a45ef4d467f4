"""An MOU review's life: scheduled -> open (participants, comment window) -> closed
with a decision (renewed as is, or revised: the proposed version is adopted).

Every state change writes its audit row in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction

from agreements.models import (
    MOUReview,
    MOUVersion,
    ParticipantKind,
    ReviewDecision,
    ReviewParticipant,
    ReviewStatus,
)
from agreements.services.versions import version_adopt
from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError, ConflictError
from roster.models import MOU, Membership
from roster.services.mous import mou_update

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Participant:
    name: str
    kind: str
    organisation: str = ""
    user_id: int | None = None


def version_in_force(*, mou: MOU, on: datetime.date) -> MOUVersion | None:
    return (
        MOUVersion.objects.filter(mou=mou, adopted_on__lte=on)
        .order_by("-adopted_on", "-number")
        .first()
    )


def review_schedule(
    *, mou: MOU, due_date: datetime.date, actor: User | None, reason: str = ""
) -> MOUReview:
    """Schedule the MOU's next review; one review at a time (not yet closed)."""
    with transaction.atomic():
        mou = MOU.objects.select_for_update().get(pk=mou.pk)
        pending = mou.reviews.exclude(status=ReviewStatus.CLOSED).first()
        if pending is not None:
            raise ConflictError(
                f"The MOU already has a review due {pending.due_date:%Y-%m-%d} that is not"
                " closed; close it before scheduling another."
            )
        review = MOUReview(
            mou=mou,
            due_date=due_date,
            base_version=version_in_force(mou=mou, on=today()),
        )
        review.full_clean()
        review.save()
        audit_record(
            actor=actor,
            action="mou_review.scheduled",
            target=review,
            district=mou.district_id,
            reason=reason,
            changes={"due_date": [None, due_date.isoformat()]},
        )
    return review


def _checked_participants(mou: MOU, participants: Sequence[Participant]) -> list[Participant]:
    if not participants:
        raise ApplicationError(
            "Name at least one participant: who takes part in the review is the record."
        )
    district_users = set(
        Membership.objects.filter(district_id=mou.district_id, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    checked = []
    for number, person in enumerate(participants, start=1):
        name = person.name.strip()
        if not name:
            raise ApplicationError(f"Participant {number} has no name.")
        if person.kind not in ParticipantKind.values:
            raise ApplicationError(
                f"Participant {number} ({name}): {person.kind!r} is not a kind of participant;"
                f" use one of {', '.join(ParticipantKind.values)}."
            )
        if person.user_id is not None and person.user_id not in district_users:
            raise ApplicationError(
                f"Participant {number} ({name}): the account is not one of the district's."
            )
        checked.append(Participant(name, person.kind, person.organisation.strip(), person.user_id))
    return checked


def review_open(
    *,
    review: MOUReview,
    participants: Sequence[Participant],
    actor: User,
    comments_open_on: datetime.date | None = None,
    comments_close_on: datetime.date | None = None,
    on: datetime.date | None = None,
) -> MOUReview:
    """Open a scheduled review with its participants and, optionally, a public comment
    window (both days included)."""
    on = on or today()
    with transaction.atomic():
        review = MOUReview.objects.select_for_update().select_related("mou").get(pk=review.pk)
        if review.status != ReviewStatus.SCHEDULED:
            raise ConflictError(
                f"The review is {review.get_status_display().lower()}, not scheduled."
            )
        if (comments_open_on is None) != (comments_close_on is None):
            raise ApplicationError(
                "A comment window needs both its first and its last day, or neither."
            )
        if comments_open_on and comments_close_on:
            if comments_close_on < comments_open_on:
                raise ApplicationError("The comment window can't close before it opens.")
            if comments_close_on < on:
                raise ApplicationError("The comment window would already be over.")
        people = _checked_participants(review.mou, participants)
        review.status = ReviewStatus.OPEN
        review.opened_on = on
        review.opened_by = actor
        review.comments_open_on = comments_open_on
        review.comments_close_on = comments_close_on
        review.base_version = review.base_version or version_in_force(mou=review.mou, on=on)
        review.full_clean()
        review.save()
        ReviewParticipant.objects.bulk_create(
            ReviewParticipant(
                review=review,
                name=p.name,
                kind=p.kind,
                organisation=p.organisation,
                user_id=p.user_id,
            )
            for p in people
        )
        audit_record(
            actor=actor,
            action="mou_review.opened",
            target=review,
            district=review.mou.district_id,
            changes={
                "status": [ReviewStatus.SCHEDULED, ReviewStatus.OPEN],
                "participants": [None, [f"{p.name} ({p.kind})" for p in people]],
                "comment_window": [
                    None,
                    [
                        comments_open_on.isoformat() if comments_open_on else None,
                        comments_close_on.isoformat() if comments_close_on else None,
                    ],
                ],
            },
        )
    return review


def review_close(
    *,
    review: MOUReview,
    decision: str,
    reason: str,
    comment_summary: str,
    actor: User,
    on: datetime.date | None = None,
) -> MOUReview:
    """Close an open review with its decision. Renewed: the next review is due one
    review cycle of the version in force after today. Revised: the proposed version is
    adopted today, the MOU's removal-response window follows it, and the next review
    is due one of *its* cycles after today."""
    on = on or today()
    with transaction.atomic():
        review = (
            # Only the review's row: PostgreSQL can't lock the nullable side of the joins.
            MOUReview.objects.select_for_update(of=("self",))
            .select_related("mou", "proposed_version", "base_version")
            .get(pk=review.pk)
        )
        if review.status != ReviewStatus.OPEN:
            raise ConflictError(f"The review is {review.get_status_display().lower()}, not open.")
        if review.comments_close_on is not None and review.comments_close_on >= on:
            raise ConflictError(
                f"The public comment window is open until {review.comments_close_on:%Y-%m-%d};"
                " the review can close from the day after."
            )
        if decision not in ReviewDecision.values:
            raise ApplicationError(
                f"{decision!r} is not a decision; use {' or '.join(ReviewDecision.values)}."
            )
        if not reason.strip():
            raise ApplicationError("Say why the review decided as it did.")
        if review.comments_open_on is not None and not comment_summary.strip():
            raise ApplicationError(
                "The review had a public comment window: summarise what the community said."
            )
        mou = review.mou
        in_force: MOUVersion | None
        if decision == ReviewDecision.REVISED:
            if review.proposed_version is None:
                raise ApplicationError(
                    "A revision needs a proposed version: write it before closing as revised."
                )
            in_force = version_adopt(version=review.proposed_version, on=on)
        else:
            in_force = version_in_force(mou=mou, on=on)
        cycle = in_force.review_cycle_months if in_force else 12
        mou_update(
            mou=mou,
            effective_date=mou.effective_date,
            end_date=mou.end_date,
            next_review_date=on + relativedelta(months=cycle),
            removal_response_days=in_force.removal_response_days
            if in_force
            else mou.removal_response_days,
            actor=actor,
        )
        review.status = ReviewStatus.CLOSED
        review.decision = decision
        review.decision_reason = reason.strip()
        review.comment_summary = comment_summary.strip()
        review.comment_count = review.comments.count()
        review.closed_on = on
        review.closed_by = actor
        review.full_clean()
        review.save()
        audit_record(
            actor=actor,
            action="mou_review.closed",
            target=review,
            district=mou.district_id,
            reason=review.decision_reason,
            changes={
                "status": [ReviewStatus.OPEN, ReviewStatus.CLOSED],
                "decision": [None, decision],
                "adopted_version": [None, in_force.number if in_force else None],
                "comment_count": [None, review.comment_count],
            },
        )
    return review
