"""The kernel's tables: one audit log and one job table for the whole product.

Both moved here from roster and keep their tables (``db_table``), so existing
databases keep their rows; see ``core/migrations/0001_initial.py``. They point at
``roster.District`` by name: a district column, not an import of roster.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.scoping import ScopedQuerySet


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Any) -> AuditEventQuerySet:
        # Audit history is read through the record it describes; only coordinators
        # browse the district's log as a whole.
        return self.filter(district_id__in=scope.coordinator_district_ids)

    def for_target(self, target: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=target._meta.label_lower, target_id=str(target.pk))


class AuditEvent(models.Model):
    """Who changed what, when and why: written by services in the same transaction.

    One table for the whole product (ARCHITECTURE.md, Records). ``changes`` maps a
    field name to ``[before, after]``.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        "roster.District", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        db_table = "roster_auditevent"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "created_at"],
                name="roster_audi_target__dd65cc_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class JobQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Any) -> JobQuerySet:
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
    task_name = models.CharField(
        max_length=200, blank=True, help_text="The Celery task that runs it."
    )
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
        db_table = "roster_job"
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
