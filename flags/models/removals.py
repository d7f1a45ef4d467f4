"""Removal requests: a school asks the agency, under the MOU, to remove an officer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import MOU, Assignment, District, Officer, School
from roster.scoping import Scope

from .flags import Flag


class RemovalStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review by the agency"
    GRANTED = "granted", "Granted"
    DENIED = "denied", "Denied"
    WITHDRAWN = "withdrawn", "Withdrawn"


PENDING_REMOVAL_STATUSES = (RemovalStatus.SUBMITTED, RemovalStatus.UNDER_REVIEW)


class RemovalRequestQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> RemovalRequestQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(school_id__in=scope.school_ids)
            | Q(
                district_id__in=scope.supervisor_district_ids,
                officer__agency_id__in=scope.agency_ids,
            )
            | Q(officer_id__in=scope.officer_ids)
        )

    def pending(self) -> RemovalRequestQuerySet:
        return self.filter(status__in=PENDING_REMOVAL_STATUSES)


class RemovalRequest(TimeStampedModel):
    """A principal's request to remove an officer from their school.

    The agency answers by ``due_date`` (the MOU's response window from filing). Once
    granted, denied or withdrawn the request is locked: services refuse any change.
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="removal_requests"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="removal_requests")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="removal_requests")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="removal_requests"
    )
    mou = models.ForeignKey(MOU, on_delete=models.PROTECT, related_name="removal_requests")
    status = models.CharField(
        max_length=15, choices=RemovalStatus.choices, default=RemovalStatus.SUBMITTED
    )
    reason = models.TextField(blank=True)
    cited_flags = models.ManyToManyField(Flag, blank=True, related_name="removal_requests")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    due_date = models.DateField()
    review_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_started_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    assignment_end_date = models.DateField(null=True, blank=True)
    withdrawal_note = models.TextField(blank=True)
    last_overdue_notice_on = models.DateField(null=True, blank=True)

    objects = RemovalRequestQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_removalrequest"  # kept when the model left evaluations
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "school"],
                condition=Q(status__in=["submitted", "under_review"]),
                name="removal_one_pending_per_officer_school",
            ),
            models.CheckConstraint(
                condition=~Q(status="granted")
                | Q(assignment_end_date__isnull=False, decided_at__isnull=False),
                name="removal_granted_has_end_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="denied")
                | (~Q(decision_reasons="") & Q(decided_at__isnull=False)),
                name="removal_denied_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"Removal of {self.officer.full_name} from {self.school.code} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_REMOVAL_STATUSES

    @property
    def is_decided(self) -> bool:
        return not self.is_pending
