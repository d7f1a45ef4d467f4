"""Writing evaluations: start, edit a draft, and the sign-off workflow
draft -> submitted -> reviewed -> acknowledged (or submitted -> returned). Notes
and attachments are in ``evaluation_evidence``.

Every write locks the evaluation row, checks who may do it and the state it is in,
and records an audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError, ConflictError
from evaluations.models import (
    Competency,
    Evaluation,
    PerformanceLevel,
    Rating,
    Rubric,
)
from evaluations.models.evaluations import EDITABLE_STATUSES, evaluation_due_date, overall_rating
from evaluations.models.rubrics import LEVELS_NEEDING_EVIDENCE
from evaluations.permissions import can_evaluate
from roster.models import Assignment, EvaluationPeriod, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EDITABLE_FIELDS = ("commendations",)


def forbidden(message: str) -> ApplicationError:
    return ApplicationError(message, status=403)


def locked(evaluation: Evaluation) -> Evaluation:
    """The evaluation re-read under a row lock, so concurrent writers queue."""
    return (
        Evaluation.objects.select_for_update()
        .select_related("officer", "school", "period")
        .get(pk=evaluation.pk)
    )


def locked_message(evaluation: Evaluation) -> str:
    when = (
        timezone.localtime(evaluation.submitted_at).strftime("%Y-%m-%d %H:%M")
        if evaluation.submitted_at
        else ""
    )
    signed = f" on {when}" if when else ""
    return (
        f"This evaluation was submitted{signed} and is locked ({evaluation.get_status_display().lower()}): "
        "it can't be changed. A supervisor or coordinator can return a submitted evaluation "
        "if it needs changes."
    )


def require_editable(evaluation: Evaluation, *, actor: User) -> None:
    if not can_evaluate(user=actor, school=evaluation.school):
        raise forbidden(
            "Only a principal of the school or a district coordinator can change this evaluation."
        )
    if evaluation.status not in EDITABLE_STATUSES:
        raise ConflictError(locked_message(evaluation), extra={"status": evaluation.status})


def check_version(evaluation: Evaluation, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != evaluation.version:
        raise ConflictError(
            "Someone else saved this evaluation after you opened it "
            f"(you had version {expected_version}, it is now version {evaluation.version}). "
            "Nothing was saved: reload it, check their changes and make yours again.",
            extra={"current_version": evaluation.version},
        )


@transaction.atomic
def evaluation_start(
    *,
    officer: Officer,
    school: School,
    period: EvaluationPeriod,
    evaluator: User,
    rubric: Rubric | None = None,
) -> Evaluation:
    """A new draft; only a principal of a school the officer served during the period
    (or a district coordinator) may start one, once per officer, school and period."""
    if not can_evaluate(user=evaluator, school=school):
        raise forbidden(
            "Only a principal of the school or a district coordinator can evaluate here."
        )
    if period.district_id != school.district_id:
        raise ApplicationError("The period belongs to another district.")
    served = Assignment.objects.filter(officer=officer, school=school).overlapping(
        period.start_date, period.end_date
    )
    if not served.exists():
        raise ApplicationError(
            f"{officer.full_name} was not assigned to {school.name} during {period.name}."
        )
    if rubric is None:
        newest: Rubric | None = (
            Rubric.objects.filter(district_id=school.district_id)
            .latest_versions()
            .order_by("-created_at", "-pk")
            .first()
        )
        if newest is None:
            raise ApplicationError("The district has no rubric yet; a coordinator must set one up.")
        rubric = newest
    elif rubric.district_id != school.district_id:
        raise ApplicationError("The rubric belongs to another district.")
    existing = Evaluation.objects.filter(officer=officer, school=school, period=period).first()
    if existing:
        raise ConflictError(
            f"{officer.full_name} already has an evaluation at {school.name} for {period.name}.",
            extra={"evaluation": existing.pk},
        )
    evaluation = Evaluation(
        district_id=school.district_id,
        officer=officer,
        school=school,
        period=period,
        rubric=rubric,
        evaluator=evaluator,
        due_date=evaluation_due_date(period=period),
    )
    evaluation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:
        # Two principals pressed "start" at the same moment: the constraint decides.
        raise ConflictError(
            f"{officer.full_name} already has an evaluation at {school.name} for {period.name}."
        ) from exc
    Rating.objects.bulk_create(
        Rating(evaluation=evaluation, competency=c) for c in rubric.competencies.all()
    )
    audit_record(
        actor=evaluator,
        action="evaluation.started",
        target=evaluation,
        district=evaluation.district_id,
        changes={"status": [None, evaluation.status], "rubric": [None, str(rubric)]},
    )
    return evaluation


@dataclass(frozen=True)
class RatingInput:
    level: int | None
    evidence: str


def clean_rating(competency: Competency, value: RatingInput | Mapping[str, Any]) -> RatingInput:
    # A mapping comes from a form or a request and may hold anything: "" or None for
    # "not rated", or a level as a number or a string.
    raw_level: Any
    if isinstance(value, RatingInput):
        raw_level, raw_evidence = value.level, value.evidence
    else:
        raw_level, raw_evidence = value.get("level"), value.get("evidence") or ""
    level: int | None
    if raw_level in ("", None):
        level = None
    else:
        try:
            level = PerformanceLevel(int(raw_level)).value
        except (TypeError, ValueError) as exc:
            raise ApplicationError(
                f"{competency.name}: the level must be 1 (Unsatisfactory) to 4 (Exemplary).",
                extra={"competency": competency.code},
            ) from exc
    evidence = raw_evidence.strip()
    if level in LEVELS_NEEDING_EVIDENCE and not evidence:
        raise ApplicationError(
            f"{competency.name}: a rating of {PerformanceLevel(level).label} needs written evidence.",
            extra={"competency": competency.code},
        )
    return RatingInput(level=level, evidence=evidence)


def recompute_overall(evaluation: Evaluation, ratings: list[Rating]) -> None:
    evaluation.overall_score, evaluation.overall_level = overall_rating(
        (r.competency.weight, r.level, r.competency.critical) for r in ratings if r.level
    )


@transaction.atomic
def evaluation_update(
    *,
    evaluation: Evaluation,
    actor: User,
    expected_version: int,
    ratings: Mapping[str, RatingInput | Mapping[str, Any]] | None = None,
    commendations: str | None = None,
) -> Evaluation:
    """Save a draft: ratings keyed by competency code, and commendations.

    ``expected_version`` is the version the editor read; if anyone saved since, the
    save is refused with a conflict and nothing is written.
    """
    evaluation = locked(evaluation)
    require_editable(evaluation, actor=actor)
    check_version(evaluation, expected_version)
    current = list(evaluation.ratings.select_related("competency").order_by("competency__position"))
    by_code = {r.competency.code: r for r in current}
    unknown = sorted(set(ratings or {}) - set(by_code))
    if unknown:
        raise ApplicationError(f"Not a competency of this rubric: {', '.join(unknown)}.")
    changes: dict[str, list[Any]] = {}
    changed_ratings = []
    for code, value in (ratings or {}).items():
        rating = by_code[code]
        cleaned = clean_rating(rating.competency, value)
        if rating.level != cleaned.level:
            changes[f"{rating.competency.name}: level"] = [
                rating.level_label or None,
                PerformanceLevel(cleaned.level).label if cleaned.level else None,
            ]
        if rating.evidence != cleaned.evidence:
            changes[f"{rating.competency.name}: evidence"] = [
                rating.evidence or None,
                cleaned.evidence or None,
            ]
        if (rating.level, rating.evidence) != (cleaned.level, cleaned.evidence):
            rating.level, rating.evidence = cleaned.level, cleaned.evidence
            rating.full_clean(exclude=["evaluation", "competency"])
            changed_ratings.append(rating)
    before = field_values(evaluation, (*EDITABLE_FIELDS, "overall_level"))
    if commendations is not None:
        evaluation.commendations = commendations.strip()
    recompute_overall(evaluation, current)
    field_changes = changes_between(
        before, field_values(evaluation, (*EDITABLE_FIELDS, "overall_level"))
    )
    if "overall_level" in field_changes:
        field_changes["overall_level"] = [
            PerformanceLevel(v).label if v else None for v in field_changes["overall_level"]
        ]
    changes.update(field_changes)
    if not changes:
        return evaluation
    for rating in changed_ratings:
        rating.save(update_fields=["level", "evidence", "updated_at"])
    evaluation.version += 1
    evaluation.full_clean(validate_constraints=False)
    evaluation.save()
    audit_record(
        actor=actor,
        action="evaluation.updated",
        target=evaluation,
        district=evaluation.district_id,
        changes=changes,
    )
    return evaluation
