"""How an officer was selected for a school: a panel scores the candidate against
the district's hiring guidelines, and the record closes with a decision and its
reason. The chosen officer's assignment links back here."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import Agency, Assignment, District, Officer, School
from roster.scoping import Scope

from .guidelines import SCORE_MAX, SCORE_MIN, HiringGuideline, SelectionCriterion


class SelectionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DECIDED = "decided", "Decided"


class SelectionDecision(models.TextChoices):
    SELECTED = "selected", "Selected"
    NOT_SELECTED = "not_selected", "Not selected"


class PanelistKind(models.TextChoices):
    SCHOOL_STAFF = "school_staff", "School staff"
    STUDENT = "student", "Student representative"
    FAMILY = "family", "Family representative"
    AGENCY = "agency", "Agency"
    DISTRICT = "district", "District"


class SelectionRecordQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> SelectionRecordQuerySet:
        # The district and the agency see their candidates; a panelist sees the
        # records they sit on (and, in the selectors, only their own scores).
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(agency_id__in=scope.agency_ids)
            | Q(panelists__user_id=scope.user_id)
        ).distinct()


class SelectionRecord(TimeStampedModel):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="selection_records"
    )
    guideline = models.ForeignKey(HiringGuideline, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=SelectionStatus.choices, default=SelectionStatus.OPEN
    )
    decision = models.CharField(max_length=15, choices=SelectionDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why the record was decided before every panelist submitted (a panelist fell ill,
    # left the district): required then, so a short panel is never silent.
    incomplete_panel_reason = models.TextField(blank=True)
    assignment = models.OneToOneField(
        Assignment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="selection_record",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SelectionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SelectionStatus.DECIDED) | ~Q(decision=""),
                name="selection_decided_with_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"Selection of {self.candidate} for {self.school}"


class Panelist(models.Model):
    record = models.ForeignKey(SelectionRecord, on_delete=models.CASCADE, related_name="panelists")
    # Student and family representatives usually have no account: their scores come
    # from a paper sheet the coordinator or supervisor types in (``entered_by``).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PanelistKind.choices)
    # Scores are sealed at submission; before that no one else reads them.
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["record", "user"], name="panelist_once_per_record"),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | Q(kind__in=[PanelistKind.STUDENT, PanelistKind.FAMILY]),
                name="panelist_without_account_is_a_representative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class PanelScore(models.Model):
    panelist = models.ForeignKey(Panelist, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(SelectionCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["panelist", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["panelist", "criterion"], name="panel_score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="panel_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.panelist}: {self.criterion} {self.score}"
