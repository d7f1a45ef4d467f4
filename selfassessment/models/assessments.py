"""A district's SECURe self-assessment for one school year. Items that evidence can
answer are answered live from the district's data (selfassessment/evidence.py); the
coordinator answers the rest, each with a note."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import District, EvaluationPeriod
from roster.scoping import Scope


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class SelfAssessmentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> SelfAssessmentQuerySet:
        return self.filter(district_id__in=scope.coordinator_district_ids)


class SelfAssessment(TimeStampedModel):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="+")
    # Which checklist file the items came from (its name and content hash).
    checklist = models.CharField(max_length=100)
    # Frozen at completion: every item's answer and evidence as shown then.
    completed_on = models.DateField(null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SelfAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-period__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "period"], name="self_assessment_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"SECURe self-assessment {self.district.code} {self.period.name}"


class SelfAssessmentAnswer(TimeStampedModel):
    """The coordinator's answer to an item that evidence does not answer."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=40)
    answer = models.CharField(max_length=20, choices=Answer.choices)
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "item"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="self_assessment_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.item} {self.answer}"
