"""Every read of evaluations: pages and APIs start from ``visible_to(user)``; the
cross-app contract ``evaluation_summaries`` reads many officers in a fixed number of
queries for packets and flags (docs/contracts.md)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from core.audit import audit_history
from core.dates import today
from core.models import AuditEvent
from evaluations.models import (
    Competency,
    Evaluation,
    EvaluationStatus,
    ObservationNote,
    PerformanceLevel,
    Rating,
)
from evaluations.models.evaluations import (
    EDITABLE_STATUSES,
    evaluation_due_date,
)
from roster.models import Assignment, EvaluationPeriod, Officer, School
from roster.models.organisations import EvaluationPeriodQuerySet
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class CompetencyRatingSummary:
    code: str
    name: str
    critical: bool
    weight: Decimal
    level: int | None
    level_label: str
    evidence: str


@dataclass(frozen=True)
class ObservationNoteSummary:
    observed_on: datetime.date
    text: str


@dataclass(frozen=True)
class EvaluationSummary:
    """One evaluation as packets and flags see it: plain values, no model objects."""

    evaluation_id: int
    officer_id: int
    period_id: int
    period_name: str
    school_id: int
    school_code: str
    school_name: str
    evaluator_id: int
    evaluator_name: str
    rubric_code: str
    rubric_name: str
    rubric_version: int
    status: str
    status_label: str
    due_date: datetime.date
    competencies: tuple[CompetencyRatingSummary, ...]
    overall_score: Decimal | None
    overall_level: int | None
    overall_label: str
    commendations: str
    observation_notes: tuple[ObservationNoteSummary, ...]
    submitted_at: datetime.datetime | None
    submitted_by_name: str
    reviewed_at: datetime.datetime | None
    reviewed_by_name: str
    review_comment: str
    return_reason: str
    acknowledged_at: datetime.datetime | None
    officer_agrees: bool | None
    officer_response: str

    @property
    def is_signed(self) -> bool:
        """Signed by the principal (submitted or later): the ratings are final."""
        return self.submitted_at is not None and self.status not in (
            EvaluationStatus.DRAFT,
            EvaluationStatus.RETURNED,
        )

    @property
    def critical_unsatisfactory(self) -> tuple[str, ...]:
        """Codes of critical competencies rated Unsatisfactory (flag rules use this)."""
        return tuple(
            c.code
            for c in self.competencies
            if c.critical and c.level == PerformanceLevel.UNSATISFACTORY
        )

    def level_of(self, code: str) -> int | None:
        return next((c.level for c in self.competencies if c.code == code), None)


def _name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def evaluation_summaries(
    *,
    officer_ids: Iterable[int],
    period: EvaluationPeriod | int,
    statuses: Iterable[str] | None = None,
) -> dict[int, list[EvaluationSummary]]:
    """Each officer's evaluations in ``period``, in four queries whatever their number.

    Not scoped to a viewer: callers (packets, flags) pass officer ids they have already
    read through ``visible_to``. ``statuses`` narrows to some states (default: all);
    every officer asked about gets an entry, empty if never evaluated.
    """
    officer_ids = list(dict.fromkeys(officer_ids))
    period_id = period.pk if isinstance(period, EvaluationPeriod) else period
    result: dict[int, list[EvaluationSummary]] = {officer_id: [] for officer_id in officer_ids}
    if not officer_ids:
        return result
    queryset = Evaluation.objects.filter(officer_id__in=officer_ids, period_id=period_id)
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    evaluations = list(
        queryset.select_related(
            "school", "period", "rubric", "evaluator", "submitted_by", "reviewed_by"
        ).order_by("officer_id", "school__name", "pk")
    )
    if not evaluations:
        return result
    rubric_ids = {e.rubric_id for e in evaluations}
    competencies: dict[int, list[Competency]] = defaultdict(list)
    for competency in Competency.objects.filter(rubric_id__in=rubric_ids).order_by(
        "position", "pk"
    ):
        competencies[competency.rubric_id].append(competency)
    ratings: dict[tuple[int, int], Rating] = {
        (r.evaluation_id, r.competency_id): r
        for r in Rating.objects.filter(evaluation__in=[e.pk for e in evaluations])
    }
    notes: dict[int, list[ObservationNoteSummary]] = defaultdict(list)
    for note in ObservationNote.objects.filter(evaluation__in=[e.pk for e in evaluations]).order_by(
        "observed_on", "pk"
    ):
        notes[note.evaluation_id].append(ObservationNoteSummary(note.observed_on, note.text))
    for evaluation in evaluations:
        rows = []
        for competency in competencies[evaluation.rubric_id]:
            rating = ratings.get((evaluation.pk, competency.pk))
            level = rating.level if rating else None
            rows.append(
                CompetencyRatingSummary(
                    code=competency.code,
                    name=competency.name,
                    critical=competency.critical,
                    weight=competency.weight,
                    level=level,
                    level_label=PerformanceLevel(level).label if level else "",
                    evidence=rating.evidence if rating else "",
                )
            )
        result[evaluation.officer_id].append(
            EvaluationSummary(
                evaluation_id=evaluation.pk,
                officer_id=evaluation.officer_id,
                period_id=evaluation.period_id,
                period_name=evaluation.period.name,
                school_id=evaluation.school_id,
                school_code=evaluation.school.code,
                school_name=evaluation.school.name,
                evaluator_id=evaluation.evaluator_id,
                evaluator_name=_name(evaluation.evaluator),
                rubric_code=evaluation.rubric.code,
                rubric_name=evaluation.rubric.name,
                rubric_version=evaluation.rubric.version,
                status=evaluation.status,
                status_label=evaluation.get_status_display(),
                due_date=evaluation.due_date,
                competencies=tuple(rows),
                overall_score=evaluation.overall_score,
                overall_level=evaluation.overall_level,
                overall_label=evaluation.overall_label,
                commendations=evaluation.commendations,
                observation_notes=tuple(notes[evaluation.pk]),
                submitted_at=evaluation.submitted_at,
                submitted_by_name=_name(evaluation.submitted_by),
                reviewed_at=evaluation.reviewed_at,
                reviewed_by_name=_name(evaluation.reviewed_by),
                review_comment=evaluation.review_comment,
                return_reason=evaluation.return_reason,
                acknowledged_at=evaluation.acknowledged_at,
                officer_agrees=evaluation.officer_agrees,
                officer_response=evaluation.officer_response,
            )
        )
    return result


def evaluations_visible(*, user: User | AnonymousUser) -> QuerySet[Evaluation]:
    return Evaluation.objects.visible_to(user).select_related(
        "officer", "officer__agency", "school", "period", "rubric", "evaluator"
    )


def evaluation_with_details(*, user: User | AnonymousUser) -> QuerySet[Evaluation]:
    """Evaluations the user may open, with ratings (and their competency), notes and
    attachments fetched up front."""
    return (
        evaluations_visible(user=user)
        .select_related("submitted_by", "reviewed_by", "acknowledged_by")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=Rating.objects.select_related("competency").order_by(
                    "competency__position", "competency_id"
                ),
            ),
            Prefetch("notes", queryset=ObservationNote.objects.select_related("author")),
            "attachments",
        )
    )


def evaluation_history(*, evaluation: Evaluation) -> QuerySet[AuditEvent]:
    """Every change and transition of the evaluation, oldest first."""
    return audit_history(evaluation)


def periods_for(*, user: User | AnonymousUser) -> EvaluationPeriodQuerySet:
    return EvaluationPeriod.objects.visible_to(user).order_by("-start_date")


def period_chosen(
    *, user: User | AnonymousUser, period_id: str | int | None
) -> EvaluationPeriod | None:
    """The period asked for (if visible), else the one running today, else the latest."""
    periods = periods_for(user=user)
    if period_id:
        try:
            return periods.get(pk=int(period_id))
        except (ValueError, EvaluationPeriod.DoesNotExist):
            return None
    return periods.containing(today()).first() or periods.first()


@dataclass(frozen=True)
class OfficerToEvaluate:
    officer: Officer
    school: School
    evaluation: Evaluation | None
    due_date: datetime.date

    @property
    def status_label(self) -> str:
        return self.evaluation.get_status_display() if self.evaluation else "Not started"

    @property
    def is_overdue(self) -> bool:
        return self.due_date < today() and (
            self.evaluation is None or self.evaluation.status in EDITABLE_STATUSES
        )


def officers_to_evaluate(
    *, user: User | AnonymousUser, period: EvaluationPeriod
) -> list[OfficerToEvaluate]:
    """Each officer assigned during ``period`` to a school the user evaluates for
    (a principal's schools, a coordinator's district), with its evaluation if any."""
    scope = scope_for(user)
    schools = School.objects.filter(district_id=period.district_id)
    if not scope.is_superuser:
        schools = schools.filter(
            Q(pk__in=scope.school_ids) | Q(district_id__in=scope.coordinator_district_ids)
        )
    assignments = (
        Assignment.objects.filter(school__in=schools)
        .overlapping(period.start_date, period.end_date)
        .select_related("officer", "officer__agency", "school")
        .order_by("school__name", "officer__last_name", "officer__first_name", "officer_id")
    )
    existing = {
        (e.officer_id, e.school_id): e
        for e in Evaluation.objects.filter(period=period, school__in=schools)
    }
    due = evaluation_due_date(period=period)
    rows: list[OfficerToEvaluate] = []
    seen: set[tuple[int, int]] = set()
    for assignment in assignments:
        key = (assignment.officer_id, assignment.school_id)
        if key in seen:
            continue
        seen.add(key)
        evaluation = existing.get(key)
        rows.append(
            OfficerToEvaluate(
                officer=assignment.officer,
                school=assignment.school,
                evaluation=evaluation,
                due_date=evaluation.due_date if evaluation else due,
            )
        )
    return rows


def evaluations_awaiting_review(*, user: User | AnonymousUser) -> QuerySet[Evaluation]:
    """Submitted evaluations of the officers of the user's agencies (or district)."""
    scope = scope_for(user)
    queryset = evaluations_visible(user=user).filter(status=EvaluationStatus.SUBMITTED)
    if scope.is_superuser:
        return queryset
    return queryset.filter(
        Q(officer__agency_id__in=scope.agency_ids)
        | Q(district_id__in=scope.coordinator_district_ids)
    )


def evaluations_awaiting_acknowledgement(*, user: User | AnonymousUser) -> QuerySet[Evaluation]:
    return evaluations_visible(user=user).filter(
        status=EvaluationStatus.REVIEWED, officer_id__in=scope_for(user).officer_ids
    )
