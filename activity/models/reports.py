from __future__ import annotations

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import District, EvaluationPeriod
from roster.scoping import Scope


class PublishedReportQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> PublishedReportQuerySet:
        return self.filter(district_id__in=scope.coordinator_district_ids)


class PublishedReport(TimeStampedModel):
    """A district coordinator's decision that a period's public activity report is public.

    What the public sees is the period's latest ``ReportRelease``, never live data;
    taking the report down deletes this row and keeps the releases.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-period__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["district", "period"], name="report_published_once")
        ]

    def __str__(self) -> str:
        return f"{self.district.code} {self.period}"


class ReportReleaseQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ReportReleaseQuerySet:
        return self.filter(district_id__in=scope.coordinator_district_ids)


class ReportRelease(TimeStampedModel):
    """A stored, dated set of public figures: the report frozen when it was published.

    ARCHITECTURE.md (public figures): a report of a running period is a frozen
    release, so a reader can't difference today's figures against yesterday's.
    ``tables`` is the report as the public sees it (suppression applied); ``counts``
    keeps every count cell, hidden ones included, and ``hidden`` the suppressed ones,
    so that the next release can be held to the release rule against this one. Kept
    when the report is taken down: figures once public stay public.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    threshold = models.PositiveSmallIntegerField()
    tables = models.JSONField()
    counts = models.JSONField()
    hidden = models.JSONField(default=list, blank=True)
    data_as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The last day the figures cover: the release day in a running year, else the year's end. "
        "Empty on releases stored before it was recorded.",
    )
    held_back = models.PositiveIntegerField(
        default=0,
        help_text="Counts suppressed because they moved by less than the threshold since an earlier release.",
    )

    objects = ReportReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["period", "-number"]
        constraints = [
            # Two coordinators publishing at once can't both store release n.
            models.UniqueConstraint(fields=["period", "number"], name="report_release_number_once"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="report_release_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district.code} {self.period} release {self.number}"


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
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    status = models.CharField(
        max_length=10, choices=ActivityImportStatus.choices, default=ActivityImportStatus.PREVIEWED
    )
    summary = models.JSONField(default=dict, blank=True)

    objects = ActivityImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
