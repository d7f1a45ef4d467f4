"""Flag rules (per district, edited by the coordinator) and the flags they raise."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import District, EvaluationPeriod, Officer
from roster.models.organisations import code_validator
from roster.scoping import Scope, scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class FlagSeverity(models.TextChoices):
    WATCH = "watch", "Watch"
    REVIEW = "review", "Review"
    REMOVAL = "removal", "Removal recommended"


# Severities compare by rank: a flag escalates, it never silently drops a level.
SEVERITY_RANK = {FlagSeverity.WATCH: 1, FlagSeverity.REVIEW: 2, FlagSeverity.REMOVAL: 3}


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "at or above"
    ABOVE = "gt", "above"
    AT_MOST = "lte", "at or below"
    BELOW = "lt", "below"

    def holds(self, value: Decimal, threshold: Decimal) -> bool:
        if self == Comparison.AT_LEAST:
            return value >= threshold
        if self == Comparison.ABOVE:
            return value > threshold
        if self == Comparison.AT_MOST:
            return value <= threshold
        return value < threshold

    @property
    def higher_is_worse(self) -> bool:
        return self in (Comparison.AT_LEAST, Comparison.ABOVE)


class FlagRuleQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> FlagRuleQuerySet:
        # Rules are the district's policy: everyone with a role there may read them.
        return self.filter(district_id__in=scope.district_ids)


class FlagRule(TimeStampedModel):
    """One early-warning rule: a metric compared against two thresholds.

    The metric is a code from ``flags.rules.registry`` (validated in
    ``clean``, not as model choices, so adding a metric needs no migration). Crossing
    ``warning_threshold`` raises a flag of ``warning_severity``; crossing
    ``critical_threshold`` (when set) raises ``critical_severity``.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="flag_rules")
    code = models.CharField(max_length=40, validators=[code_validator])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    metric = models.CharField(max_length=40)
    comparison = models.CharField(
        max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    warning_threshold = models.DecimalField(max_digits=10, decimal_places=2)
    warning_severity = models.CharField(
        max_length=10, choices=FlagSeverity.choices, default=FlagSeverity.WATCH
    )
    critical_threshold = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    critical_severity = models.CharField(
        max_length=10, choices=FlagSeverity.choices, default=FlagSeverity.REVIEW
    )
    window_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Count only the last N months; empty means the whole evaluation period.",
    )
    min_sample = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Don't judge an officer on fewer cases or respondents than this.",
    )
    question_code = models.CharField(
        max_length=60, blank=True, help_text="For survey rules: the question's stable code."
    )
    respondent_group = models.CharField(
        max_length=30,
        blank=True,
        help_text="For survey rules: one respondent group, or empty for all.",
    )
    is_active = models.BooleanField(default=True)

    objects = FlagRuleQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_flagrule"  # kept when the model left evaluations
        ordering = ["district", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "code"], name="flag_rule_code_unique_in_district"
            ),
            models.CheckConstraint(
                condition=Q(window_months__isnull=True) | Q(window_months__gte=1),
                name="flag_rule_window_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.code})"

    def clean(self) -> None:
        # Whether the metric exists and needs a question is checked by the services
        # (``flag_rule_full_clean``): the metric registry reads three apps' selectors,
        # which a model must not import.
        if self.critical_threshold is not None and self.warning_threshold is not None:
            comparison = Comparison(self.comparison)
            if comparison.holds(self.warning_threshold, self.critical_threshold) and (
                self.warning_threshold != self.critical_threshold
            ):
                raise ValidationError(
                    {
                        "critical_threshold": "The critical threshold must be stricter than the warning one."
                    }
                )
        if (
            self.critical_threshold is not None
            and SEVERITY_RANK[FlagSeverity(self.critical_severity)]
            <= (SEVERITY_RANK[FlagSeverity(self.warning_severity)])
        ):
            raise ValidationError(
                {"critical_severity": "The critical severity must be above the warning one."}
            )

    def severity_for(self, value: Decimal) -> FlagSeverity | None:
        comparison = Comparison(self.comparison)
        if self.critical_threshold is not None and comparison.holds(value, self.critical_threshold):
            return FlagSeverity(self.critical_severity)
        if comparison.holds(value, self.warning_threshold):
            return FlagSeverity(self.warning_severity)
        return None

    def snapshot(self) -> dict:
        """The rule as it stood when a flag was raised, kept in the flag's evidence."""
        return {
            "code": self.code,
            "name": self.name,
            "metric": self.metric,
            "comparison": self.comparison,
            "comparison_label": Comparison(self.comparison).label,
            "warning_threshold": str(self.warning_threshold),
            "warning_severity": self.warning_severity,
            "critical_threshold": None
            if self.critical_threshold is None
            else str(self.critical_threshold),
            "critical_severity": self.critical_severity,
            "window_months": self.window_months,
            "min_sample": self.min_sample,
            "question_code": self.question_code,
            "respondent_group": self.respondent_group,
        }


class FlagStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


ACTIVE_FLAG_STATUSES = (FlagStatus.OPEN, FlagStatus.ACKNOWLEDGED)


class FlagQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> FlagQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(
                district_id__in=scope.principal_district_ids,
                officer_id__in=scope.principal_officer_ids(),
            )
            | Q(
                district_id__in=scope.supervisor_district_ids,
                officer__agency_id__in=scope.agency_ids,
            )
            | Q(officer_id__in=scope.officer_ids)
        )

    def actionable_by(self, user: User | AnonymousUser) -> FlagQuerySet:
        """Flags the user may acknowledge, resolve or dismiss: everyone who sees them but the officer."""
        scope = scope_for(user)
        if scope.is_superuser:
            return self.all()
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(
                district_id__in=scope.principal_district_ids,
                officer_id__in=scope.principal_officer_ids(),
            )
            | Q(
                district_id__in=scope.supervisor_district_ids,
                officer__agency_id__in=scope.agency_ids,
            )
        )

    def active(self) -> FlagQuerySet:
        return self.filter(status__in=ACTIVE_FLAG_STATUSES)


class Flag(TimeStampedModel):
    """A rule's warning about one officer in one evaluation period, with its evidence.

    While the condition holds, re-evaluation updates this row (the unique constraint
    below allows one active flag per rule, officer and period); when it stops
    holding, ``cleared_at`` records it and people still close the flag themselves.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="flags")
    rule = models.ForeignKey(FlagRule, on_delete=models.PROTECT, related_name="flags")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="flags")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.PROTECT, related_name="flags")
    severity = models.CharField(max_length=10, choices=FlagSeverity.choices)
    status = models.CharField(max_length=15, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    value = models.DecimalField(max_digits=12, decimal_places=2)
    evidence = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    raised_at = models.DateTimeField()
    last_evaluated_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_flag"  # kept when the model left evaluations
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "officer", "period"],
                condition=Q(status__in=["open", "acknowledged"]),
                name="flag_one_active_per_rule_officer_period",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "acknowledged"]) | ~Q(note=""),
                name="flag_closed_with_a_note",
            ),
        ]
        indexes = [models.Index(fields=["district", "period", "status"])]

    def __str__(self) -> str:
        return f"{self.rule.name}: {self.officer.full_name} ({self.get_severity_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_FLAG_STATUSES

    @property
    def severity_rank(self) -> int:
        return SEVERITY_RANK[FlagSeverity(self.severity)]
