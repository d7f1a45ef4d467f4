from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from roster.scoping import Scope, ScopedQuerySet

from .base import TimeStampedModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class JobQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> JobQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids) | Q(created_by_id=scope.user_id)
        )


class Job(TimeStampedModel):
    """Long work (imports, packet batches) run by a Celery task, with its progress.

    Pages and APIs poll it: ``done`` and ``failed`` out of ``total``, and the reason
    for each failure in ``failures``. Apps keep their own inputs and outputs and
    point here for progress.
    """

    kind = models.CharField(max_length=60)
    task_name = models.CharField(max_length=200, blank=True, help_text="The Celery task that runs it.")
    district = models.ForeignKey("roster.District", on_delete=models.CASCADE, related_name="jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status in (JobStatus.DONE, JobStatus.FAILED) else 0
        return min(100, round(100 * (self.done + self.failed) / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
