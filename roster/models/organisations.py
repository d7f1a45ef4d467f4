from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", "Use letters, digits, dots, dashes or underscores."
)

# ARCHITECTURE.md, anonymity invariant 3: k defaults to 5 and may never go below 3.
MIN_SURVEY_K = 3


class DistrictQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> DistrictQuerySet:
        return self.filter(pk__in=scope.district_ids)


class District(TimeStampedModel):
    code = models.CharField(max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(max_length=200)
    survey_min_responses = models.PositiveSmallIntegerField(
        "survey reporting minimum (k)",
        default=5,
        validators=[MinValueValidator(MIN_SURVEY_K)],
        help_text="No survey figure from fewer respondents is shown anywhere. Never below 3.",
    )
    comment_min_responses = models.PositiveSmallIntegerField(
        "comment reporting minimum",
        default=8,
        help_text="Free-text comments need at least this many respondents. Never below k.",
    )
    public_suppression_threshold = models.PositiveSmallIntegerField(
        "public report suppression threshold",
        default=10,
        validators=[MinValueValidator(1)],
        help_text='Public counts below this show as "<N".',
    )
    training_reminder_days = models.PositiveSmallIntegerField(
        "training reminder window (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Supervisors are reminded of training due within this many days.",
    )
    # Printed on every public page and report: who a resident asks about the figures.
    public_contact_name = models.CharField(
        "public contact (office or person)", max_length=200, blank=True
    )
    public_contact_email = models.EmailField("public contact email", blank=True)
    public_contact_phone = models.CharField("public contact phone", max_length=40, blank=True)

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(survey_min_responses__gte=MIN_SURVEY_K), name="district_k_at_least_3"
            ),
            models.CheckConstraint(
                condition=Q(comment_min_responses__gte=F("survey_min_responses")),
                name="district_comment_min_at_least_k",
            ),
            models.CheckConstraint(
                condition=Q(public_suppression_threshold__gte=1),
                name="district_public_threshold_positive",
            ),
            models.CheckConstraint(
                condition=Q(training_reminder_days__gte=1, training_reminder_days__lte=365),
                name="district_reminder_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.survey_min_responses is not None
            and self.comment_min_responses is not None
            and self.comment_min_responses < self.survey_min_responses
        ):
            raise ValidationError(
                {"comment_min_responses": "The comment minimum can't be below k."}
            )


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", "Elementary"
    MIDDLE = "middle", "Middle"
    HIGH = "high", "High"
    ALTERNATIVE = "alternative", "Alternative"
    OTHER = "other", "Other"


class SchoolQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> SchoolQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(pk__in=scope.school_ids)
            | Q(district_id__in=scope.supervisor_district_ids)
            | Q(pk__in=scope.officer_school_ids())
        )


class School(TimeStampedModel):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools")
    code = models.CharField(max_length=20, validators=[code_validator])
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=SchoolLevel.choices, default=SchoolLevel.OTHER)
    enrollment = models.PositiveIntegerField(null=True, blank=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "code"], name="school_code_unique_in_district"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AgencyQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> AgencyQuerySet:
        return self.filter(
            Q(pk__in=scope.agency_ids)
            | Q(pk__in=scope.coordinator_agency_ids())
            | Q(pk__in=scope.officer_agency_ids())
            | Q(officers__in=scope.principal_officer_ids())
        ).distinct()


class Agency(TimeStampedModel):
    code = models.CharField(max_length=20, unique=True, validators=[code_validator])
    name = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    # A district works with an agency before their MOU is signed (onboarding, the
    # roster import), so the link can't be the MOU itself; an MOU also adds it.
    districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="agencies",
        help_text="Districts that work with this agency.",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class MOUQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> MOUQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(district_id__in=scope.principal_district_ids)
            | Q(agency_id__in=scope.agency_ids)
            | Q(agency_id__in=scope.officer_agency_ids())
        )

    def in_force_on(self, day: datetime.date) -> MOUQuerySet:
        return self.filter(effective_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class MOU(TimeStampedModel):
    """The memorandum of understanding between a district and a police agency."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="mous")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="mous")
    effective_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    next_review_date = models.DateField(null=True, blank=True)
    removal_response_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1)],
        help_text="Days the agency has to answer a removal request.",
    )
    # The officer's time to acknowledge a reviewed evaluation; once it has passed, the
    # annual packet may be signed off without the acknowledgement.
    evaluation_acknowledgement_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(1)],
        help_text="Days the officer has to acknowledge a reviewed evaluation, from its review date.",
    )

    objects = MOUQuerySet.as_manager()

    class Meta:
        ordering = ["district", "agency", "-effective_date"]
        verbose_name = "MOU"
        verbose_name_plural = "MOUs"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("effective_date")),
                name="mou_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(removal_response_days__gte=1), name="mou_response_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(evaluation_acknowledgement_days__gte=1),
                name="mou_acknowledgement_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"MOU {self.district.code}–{self.agency.code} from {self.effective_date}"

    def clean(self) -> None:
        if self.end_date and self.effective_date and self.end_date < self.effective_date:
            raise ValidationError({"end_date": "The MOU can't end before it takes effect."})


period_name_validator = RegexValidator(r"^\d{4}-\d{2}$", "A school year is written like 2026-27.")


class EvaluationPeriodQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> EvaluationPeriodQuerySet:
        return self.filter(district_id__in=scope.district_ids)

    def containing(self, day: datetime.date) -> EvaluationPeriodQuerySet:
        return self.filter(start_date__lte=day, end_date__gte=day)


class EvaluationPeriod(TimeStampedModel):
    """A school year, such as 2026-27, over which an officer is evaluated."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="periods")
    name = models.CharField(max_length=7, validators=[period_name_validator])
    start_date = models.DateField()
    end_date = models.DateField()

    objects = EvaluationPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="period_name_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="period_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "The period must end after it starts."})
