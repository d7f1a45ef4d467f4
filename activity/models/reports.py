from __future__ import annotations

from django.conf import settings
from django.db import models

from roster.models import District, EvaluationPeriod
from roster.models.base import TimeStampedModel
from roster.scoping import Scope, ScopedQuerySet


class PublishedReportQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> PublishedReportQuerySet:
        return self.filter(district_id__in=scope.coordinator_district_ids)


class PublishedReport(TimeStampedModel):
    """A district coordinator's decision to publish a period's public activity report.

    The figures are computed when read, so a correction to the data shows at once;
    publishing decides only that the period is public.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-period__start_date"]
        constraints = [models.UniqueConstraint(fields=["district", "period"], name="report_published_once")]

    def __str__(self) -> str:
        return f"{self.district.code} {self.period}"


class ActivityImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Previewed"
    IMPORTED = "imported", "Imported"
    REJECTED = "rejected", "Rejected"


class ActivityImportQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ActivityImportQuerySet:
        return self.filter(uploaded_by_id=scope.user_id)


class ActivityImport(TimeStampedModel):
    """An uploaded activity file kept between its preview and its confirmation."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=ActivityImportStatus.choices, default=ActivityImportStatus.PREVIEWED)
    summary = models.JSONField(default=dict, blank=True)

    objects = ActivityImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
