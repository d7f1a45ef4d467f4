from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

from .organisations import Agency, School


class OfficerQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> OfficerQuerySet:
        return self.filter(
            Q(pk__in=scope.coordinator_officer_ids())
            | Q(pk__in=scope.principal_officer_ids())
            | Q(agency_id__in=scope.agency_ids)
            | Q(pk__in=scope.officer_ids)
        )

    def assigned_on(self, day: datetime.date) -> OfficerQuerySet:
        return self.filter(pk__in=Assignment.objects.active_on(day).values("officer_id"))


class FormOfAddress(models.TextChoices):
    """How respondent pages refer to an officer where a language marks gender (Spanish:
    "el oficial" / "la oficial"). Neutral wording is used until someone chooses."""

    NEUTRAL = "neutral", "Neutral wording"
    FEMININE = "feminine", "Feminine (la oficial)"
    MASCULINE = "masculine", "Masculine (el oficial)"


class Officer(TimeStampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers")
    badge_number = models.CharField(max_length=30)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    photo = models.FileField(upload_to="officer-photos/", blank=True)
    form_of_address = models.CharField(
        max_length=10,
        choices=FormOfAddress.choices,
        default=FormOfAddress.NEUTRAL,
        help_text="How surveys in Spanish refer to this officer (la oficial, el oficial, or neutral wording).",
    )

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "badge_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "badge_number"], name="officer_badge_unique_in_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.agency.code} #{self.badge_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class AssignmentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> AssignmentQuerySet:
        # The school too: an SRO shared by two districts is visible in both, but where
        # they serve in the other district (its school, dates) is that district's.
        return self.filter(
            officer__in=Officer.objects.for_scope(scope),
            school__in=School.objects.for_scope(scope),
        )

    def active_on(self, day: datetime.date) -> AssignmentQuerySet:
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def overlapping(self, start: datetime.date, end: datetime.date) -> AssignmentQuerySet:
        return self.filter(start_date__lte=end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )


class Assignment(TimeStampedModel):
    """An officer placed at a school from a date, until a date or open-ended."""

    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="assignments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="assignments")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["school", "start_date"])]

    def __str__(self) -> str:
        until = self.end_date or "…"
        return f"{self.officer.full_name} at {self.school.code} {self.start_date}–{until}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "An assignment can't end before it starts."})
