"""Principal evaluations of an officer against one rubric version, and their workflow."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

from .rubrics import Competency, PerformanceLevel, Rubric

if TYPE_CHECKING:
    from roster.models import EvaluationPeriod


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    RETURNED = "returned", "Returned for changes"
    SUBMITTED = "submitted", "Submitted"
    REVIEWED = "reviewed", "Reviewed"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"


EDITABLE_STATUSES = (EvaluationStatus.DRAFT, EvaluationStatus.RETURNED)
SIGNED_STATUSES = (
    EvaluationStatus.SUBMITTED,
    EvaluationStatus.REVIEWED,
    EvaluationStatus.ACKNOWLEDGED,
)
# A supervisor reads an evaluation once the principal has signed it (and keeps seeing
# one they returned); the officer once the supervisor has signed. Drafts stay between
# the evaluator and the district.
SUPERVISOR_STATUSES = (EvaluationStatus.RETURNED, *SIGNED_STATUSES)
OFFICER_STATUSES = (EvaluationStatus.REVIEWED, EvaluationStatus.ACKNOWLEDGED)


# Evaluations are due this many days before the period ends, so that review and the
# officer's acknowledgement fit in before the school year closes.
DUE_DAYS_BEFORE_PERIOD_END = 45


def evaluation_due_date(*, period: EvaluationPeriod) -> datetime.date:
    return period.end_date - datetime.timedelta(days=DUE_DAYS_BEFORE_PERIOD_END)


def overall_rating(items: Iterable[tuple[Decimal, int, bool]]) -> tuple[Decimal | None, int | None]:
    """The overall rating from (weight, level, critical) per rated competency.

    The rule (docs/evaluations.md): the weighted mean of the levels (1-4), rounded
    half up to the nearest level; then, if any critical competency is Unsatisfactory,
    the overall rating is capped at Developing — an officer who can't de-escalate is
    not a proficient SRO however well they do elsewhere (SECURe step 5).
    Returns (score to two places, level), or (None, None) when nothing is rated.
    """
    total_weight = Decimal(0)
    weighted = Decimal(0)
    critical_failed = False
    for weight, level, critical in items:
        total_weight += weight
        weighted += weight * level
        if critical and level == PerformanceLevel.UNSATISFACTORY:
            critical_failed = True
    if not total_weight:
        return None, None
    score = (weighted / total_weight).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    level = int(score.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if critical_failed:
        level = min(level, PerformanceLevel.DEVELOPING)
    return score, level


class EvaluationQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> EvaluationQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(school_id__in=scope.school_ids)
            | Q(officer__agency_id__in=scope.agency_ids, status__in=SUPERVISOR_STATUSES)
            | Q(officer_id__in=scope.officer_ids, status__in=OFFICER_STATUSES)
        )


class Evaluation(TimeStampedModel):
    """A principal's evaluation of one officer at one school for one period."""

    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, related_name="evaluations"
    )
    officer = models.ForeignKey(
        "roster.Officer", on_delete=models.PROTECT, related_name="evaluations"
    )
    school = models.ForeignKey(
        "roster.School", on_delete=models.PROTECT, related_name="evaluations"
    )
    period = models.ForeignKey(
        "roster.EvaluationPeriod", on_delete=models.PROTECT, related_name="evaluations"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="evaluations")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations_written"
    )
    status = models.CharField(
        max_length=12, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    # Optimistic lock: every save of the draft sends the version it was read at and
    # bumps it, so a second editor working from a stale copy is refused, not merged.
    version = models.PositiveIntegerField(default=1)
    due_date = models.DateField()
    commendations = models.TextField(blank=True, help_text="Good performance worth recognising.")
    overall_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    overall_level = models.PositiveSmallIntegerField(
        choices=PerformanceLevel.choices, null=True, blank=True
    )
    return_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_comment = models.TextField(blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer_agrees = models.BooleanField(null=True, blank=True)
    officer_response = models.TextField(blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["period", "school", "officer"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "school", "period"],
                name="evaluation_one_per_officer_school_period",
            ),
            models.CheckConstraint(
                condition=Q(overall_level__isnull=True)
                | Q(overall_level__gte=1, overall_level__lte=4),
                name="evaluation_overall_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SIGNED_STATUSES) | Q(submitted_at__isnull=False),
                name="evaluation_signed_when_submitted",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=OFFICER_STATUSES) | Q(reviewed_at__isnull=False),
                name="evaluation_signed_when_reviewed",
            ),
            models.CheckConstraint(
                condition=~Q(status=EvaluationStatus.ACKNOWLEDGED)
                | Q(acknowledged_at__isnull=False, officer_agrees__isnull=False),
                name="evaluation_signed_when_acknowledged",
            ),
            models.CheckConstraint(
                condition=~Q(officer_agrees=False) | ~Q(officer_response=""),
                name="evaluation_disagreement_has_response",
            ),
        ]
        indexes = [models.Index(fields=["period", "officer"])]

    def __str__(self) -> str:
        return f"{self.officer.full_name} at {self.school.code}, {self.period.name}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def overall_label(self) -> str:
        return PerformanceLevel(self.overall_level).label if self.overall_level else ""


class RatingQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> RatingQuerySet:
        return self.filter(evaluation__in=Evaluation.objects.for_scope(scope))


class Rating(TimeStampedModel):
    """The level chosen for one competency, with the evidence behind it."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(
        choices=PerformanceLevel.choices, null=True, blank=True
    )
    evidence = models.TextField(blank=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "competency__position", "competency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "competency"], name="rating_one_per_competency"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="rating_level_1_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(
                    level__in=[PerformanceLevel.UNSATISFACTORY, PerformanceLevel.EXEMPLARY]
                )
                | ~Q(evidence=""),
                name="rating_extreme_level_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.level or '-'}"

    @property
    def level_label(self) -> str:
        return PerformanceLevel(self.level).label if self.level else ""


class ObservationNoteQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ObservationNoteQuerySet:
        return self.filter(evaluation__in=Evaluation.objects.for_scope(scope))


class ObservationNote(TimeStampedModel):
    """What the evaluator saw on a given day: the raw material behind the ratings."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="notes")
    observed_on = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ObservationNoteQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "observed_on", "id"]

    def __str__(self) -> str:
        return f"{self.observed_on}: {self.text[:40]}"


class AttachmentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> AttachmentQuerySet:
        return self.filter(evaluation__in=Evaluation.objects.for_scope(scope))


def attachment_path(instance: EvaluationAttachment, filename: str) -> str:
    # The stored name is random: the original name is kept in a column, never trusted
    # as a path.
    return f"evaluation-attachments/{instance.evaluation_id}/{uuid.uuid4().hex}"


class EvaluationAttachment(TimeStampedModel):
    """A supporting document (PDF, image, text) checked by its content on upload."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
