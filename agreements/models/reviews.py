"""MOU reviews: scheduled from the review date, held with named participants,
optionally with a public comment window, closed with a decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import MOU
from roster.scoping import Scope

from .versions import MOUVersion, mou_record_readers


class ReviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReviewDecision(models.TextChoices):
    RENEWED = "renewed", "Renewed as is"
    REVISED = "revised", "Revised"


class ParticipantKind(models.TextChoices):
    SCHOOL = "school", "School"
    AGENCY = "agency", "Law enforcement agency"
    JUVENILE_JUSTICE = "juvenile_justice", "Juvenile justice"
    CIVIL_RIGHTS = "civil_rights", "Civil-rights organisation"
    COMMUNITY = "community", "Community organisation"
    FAMILIES = "families", "Families"
    STUDENTS = "students", "Students"
    OTHER = "other", "Other"


class MOUReviewQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> MOUReviewQuerySet:
        return self.filter(mou__in=MOU.objects.filter(mou_record_readers(scope)))


class MOUReview(TimeStampedModel):
    """One review of an MOU. ``base_version`` is the version reviewed; a revision
    proposes ``proposed_version`` and, when the review closes as revised, adopts it."""

    mou = models.ForeignKey(MOU, on_delete=models.PROTECT, related_name="reviews")
    due_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED
    )
    base_version = models.ForeignKey(
        MOUVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_version = models.OneToOneField(
        MOUVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="proposed_in"
    )
    opened_on = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The public comment window, both days included; none when both are empty.
    comments_open_on = models.DateField(null=True, blank=True)
    comments_close_on = models.DateField(null=True, blank=True)
    comment_summary = models.TextField(
        blank=True, help_text="The coordinator's summary of what the community said."
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=ReviewDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    # Kept at close: the public record says how many comments came.
    comment_count = models.PositiveIntegerField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    objects = MOUReviewQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "-due_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(comments_open_on__isnull=True, comments_close_on__isnull=True)
                | Q(
                    comments_open_on__isnull=False,
                    comments_close_on__isnull=False,
                    comments_close_on__gte=F("comments_open_on"),
                ),
                name="mou_review_comment_window_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReviewStatus.CLOSED) | ~Q(decision=""),
                name="mou_review_closed_with_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.mou} due {self.due_date}"


class ReviewParticipant(models.Model):
    """Who takes part in a review, by name and kind. A participant with an account
    (``user``) reads the community's comments on the review's page."""

    review = models.ForeignKey(MOUReview, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["review", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
