"""Signing an evaluation: the principal submits, the supervisor reviews or returns it,
the officer acknowledges. Each step locks the row, records who signed, and keeps the
history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.changes import evidence_changed
from core.errors import ApplicationError, ConflictError
from evaluations.models import (
    Evaluation,
    EvaluationStatus,
)
from evaluations.models.evaluations import EDITABLE_STATUSES
from evaluations.permissions import can_acknowledge, can_evaluate, can_review
from evaluations.services.evaluations import (
    RatingInput,
    check_version,
    clean_rating,
    forbidden,
    locked,
    recompute_overall,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _transition(
    evaluation: Evaluation, *, actor: User, action: str, before: dict[str, Any], reason: str = ""
) -> None:
    """Save a state change with its signature fields, and record before and after."""
    after = field_values(evaluation, tuple(before))
    evaluation.version += 1
    evaluation.full_clean(validate_constraints=False)
    evaluation.save()
    changes = changes_between(before, after)
    # Signers are recorded by username, so the history reads without a lookup and
    # survives the account's removal.
    signer_ids = {v for name, pair in changes.items() if name.endswith("_by") for v in pair if v}
    usernames = dict(
        get_user_model()
        .objects.filter(pk__in=signer_ids)
        .values_list("pk", get_user_model().USERNAME_FIELD)
    )
    for name, pair in changes.items():
        if name.endswith("_by"):
            changes[name] = [usernames.get(v, v) for v in pair]
    audit_record(
        actor=actor,
        action=action,
        target=evaluation,
        district=evaluation.district_id,
        reason=reason,
        changes=changes,
    )


@transaction.atomic
def evaluation_submit(
    *, evaluation: Evaluation, actor: User, expected_version: int | None = None
) -> Evaluation:
    """The principal signs; the evaluation locks. Submitting again changes nothing."""
    evaluation = locked(evaluation)
    if not can_evaluate(user=actor, school=evaluation.school):
        raise forbidden(
            "Only a principal of the school or a district coordinator can submit this evaluation."
        )
    if evaluation.status not in EDITABLE_STATUSES:
        return evaluation
    check_version(evaluation, expected_version)
    ratings = list(evaluation.ratings.select_related("competency").order_by("competency__position"))
    missing = [r.competency.name for r in ratings if not r.level]
    if missing:
        raise ApplicationError(
            f"Rate every competency before submitting; missing: {', '.join(missing)}."
        )
    for rating in ratings:
        clean_rating(rating.competency, RatingInput(rating.level, rating.evidence))
    before = field_values(
        evaluation, ("status", "submitted_at", "submitted_by", "overall_level", "overall_score")
    )
    recompute_overall(evaluation, ratings)
    evaluation.status = EvaluationStatus.SUBMITTED
    evaluation.submitted_at = timezone.now()
    evaluation.submitted_by = actor
    _transition(evaluation, actor=actor, action="evaluation.submitted", before=before)
    evidence_changed(district_ids=[evaluation.district_id])
    return evaluation


@transaction.atomic
def evaluation_return(*, evaluation: Evaluation, actor: User, reason: str) -> Evaluation:
    """A supervisor or coordinator sends a submitted evaluation back for changes."""
    evaluation = locked(evaluation)
    if not can_review(user=actor, evaluation=evaluation):
        raise forbidden(
            "Only the officer's supervisor or a district coordinator can return an evaluation."
        )
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ConflictError(
            f"Only a submitted evaluation can be returned; this one is {evaluation.get_status_display().lower()}.",
            extra={"status": evaluation.status},
        )
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Say why the evaluation is returned.")
    before = field_values(evaluation, ("status", "return_reason", "submitted_at", "submitted_by"))
    evaluation.status = EvaluationStatus.RETURNED
    evaluation.return_reason = reason
    evaluation.submitted_at = None
    evaluation.submitted_by = None
    _transition(evaluation, actor=actor, action="evaluation.returned", before=before, reason=reason)
    evidence_changed(district_ids=[evaluation.district_id])
    return evaluation


@transaction.atomic
def evaluation_review(*, evaluation: Evaluation, actor: User, comment: str = "") -> Evaluation:
    """The supervisor signs that they have reviewed it. Reviewing again changes nothing."""
    evaluation = locked(evaluation)
    if not can_review(user=actor, evaluation=evaluation):
        raise forbidden(
            "Only the officer's supervisor or a district coordinator can review an evaluation."
        )
    if evaluation.status in (EvaluationStatus.REVIEWED, EvaluationStatus.ACKNOWLEDGED):
        return evaluation
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ConflictError(
            "The principal has not submitted this evaluation yet.",
            extra={"status": evaluation.status},
        )
    before = field_values(evaluation, ("status", "reviewed_at", "reviewed_by", "review_comment"))
    evaluation.status = EvaluationStatus.REVIEWED
    evaluation.reviewed_at = timezone.now()
    evaluation.reviewed_by = actor
    evaluation.review_comment = comment.strip()
    _transition(evaluation, actor=actor, action="evaluation.reviewed", before=before)
    return evaluation


@transaction.atomic
def evaluation_acknowledge(
    *, evaluation: Evaluation, actor: User, agrees: bool, response: str = ""
) -> Evaluation:
    """The officer signs "I have seen this", agreeing or not; disagreeing needs a
    written response, which travels with the evaluation from then on."""
    evaluation = locked(evaluation)
    if not can_acknowledge(user=actor, evaluation=evaluation):
        raise forbidden("Only the evaluated officer can acknowledge this evaluation.")
    response = response.strip()
    if evaluation.status == EvaluationStatus.ACKNOWLEDGED:
        if (evaluation.officer_agrees, evaluation.officer_response) == (agrees, response):
            return evaluation
        raise ConflictError(
            "You have already acknowledged this evaluation; your answer is locked.",
            extra={"status": evaluation.status},
        )
    if evaluation.status != EvaluationStatus.REVIEWED:
        raise ConflictError(
            "This evaluation can be acknowledged once the supervisor has reviewed it.",
            extra={"status": evaluation.status},
        )
    if not agrees and not response:
        raise ApplicationError(
            "If you disagree, write your response: it travels with the evaluation."
        )
    before = field_values(
        evaluation,
        ("status", "acknowledged_at", "acknowledged_by", "officer_agrees", "officer_response"),
    )
    evaluation.status = EvaluationStatus.ACKNOWLEDGED
    evaluation.acknowledged_at = timezone.now()
    evaluation.acknowledged_by = actor
    evaluation.officer_agrees = agrees
    evaluation.officer_response = response
    _transition(evaluation, actor=actor, action="evaluation.acknowledged", before=before)
    return evaluation
