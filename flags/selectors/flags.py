"""Every read of flag rules and flags starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from core.audit import audit_history
from core.models import AuditEvent
from flags.models import Flag, FlagRule, FlagSeverity, FlagStatus
from flags.rules import registry
from roster.models import Assignment, EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from flags.models.flags import FlagQuerySet

SEVERITY_ORDER = Case(
    When(severity=FlagSeverity.REMOVAL, then=Value(3)),
    When(severity=FlagSeverity.REVIEW, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


def flag_rules_visible(*, user: User | AnonymousUser) -> QuerySet[FlagRule]:
    return (
        FlagRule.objects.visible_to(user)
        .select_related("district")
        .order_by("district__code", "code")
    )


def flags_visible(*, user: User | AnonymousUser) -> FlagQuerySet:
    return (
        Flag.objects.visible_to(user)
        .select_related(
            "rule", "officer__agency", "period", "district", "acknowledged_by", "closed_by"
        )
        .annotate(severity_order=SEVERITY_ORDER)
        .order_by("-severity_order", "-raised_at", "-id")
    )


@dataclass(frozen=True)
class FlagBoardFilters:
    severity: str = ""
    status: str = ""
    school_id: int | None = None
    agency_id: int | None = None
    period_id: int | None = None
    officer_id: int | None = None


def flags_filtered(*, user: User | AnonymousUser, filters: FlagBoardFilters) -> FlagQuerySet:
    """The flag board: by severity, status, school (officers assigned there), agency, period."""
    flags = flags_visible(user=user)
    if filters.severity:
        flags = flags.filter(severity=filters.severity)
    if filters.status == "active":
        flags = flags.active()
    elif filters.status:
        flags = flags.filter(status=filters.status)
    if filters.school_id:
        flags = flags.filter(
            officer_id__in=Assignment.objects.filter(school_id=filters.school_id).values(
                "officer_id"
            )
        )
    if filters.agency_id:
        flags = flags.filter(officer__agency_id=filters.agency_id)
    if filters.period_id:
        flags = flags.filter(period_id=filters.period_id)
    if filters.officer_id:
        flags = flags.filter(officer_id=filters.officer_id)
    return flags


def flag_severity_counts(*, flags: FlagQuerySet) -> dict[str, int]:
    """Active flags per severity, in one query."""
    counts = flags.active().aggregate(
        **{severity: Count("id", filter=Q(severity=severity)) for severity in FlagSeverity.values}
    )
    return {
        FlagSeverity(severity).label: counts[severity] for severity in reversed(FlagSeverity.values)
    }


def flag_history(*, flag: Flag) -> QuerySet[AuditEvent]:
    return audit_history(flag)


@dataclass(frozen=True)
class FlagSummary:
    """A flag as the packet shows it (issue 7): what fired, how badly, on what evidence."""

    id: int
    officer_id: int
    rule_code: str
    rule_name: str
    metric: str
    metric_label: str
    severity: str
    severity_label: str
    status: str
    status_label: str
    value: Decimal
    raised_at: datetime.datetime
    last_evaluated_at: datetime.datetime
    cleared_at: datetime.datetime | None
    note: str
    evidence: dict[str, Any]


def _summary(flag: Flag) -> FlagSummary:
    spec = registry.metric_spec(flag.rule.metric)
    return FlagSummary(
        id=flag.pk,
        officer_id=flag.officer_id,
        rule_code=flag.rule.code,
        rule_name=flag.rule.name,
        metric=flag.rule.metric,
        metric_label=spec.label if spec else flag.rule.metric,
        severity=flag.severity,
        severity_label=flag.get_severity_display(),
        status=flag.status,
        status_label=flag.get_status_display(),
        value=flag.value,
        raised_at=flag.raised_at,
        last_evaluated_at=flag.last_evaluated_at,
        cleared_at=flag.cleared_at,
        note=flag.note,
        evidence=flag.evidence,
    )


def flags_for_officers(
    *, officer_ids: Iterable[int], period: EvaluationPeriod
) -> dict[int, list[FlagSummary]]:
    """Every flag of these officers in the period, most severe first; one query.

    Dismissed flags are included (with their note) so a packet shows the whole record.
    """
    ids = list(officer_ids)
    result: dict[int, list[FlagSummary]] = {officer_id: [] for officer_id in ids}
    flags = (
        Flag.objects.filter(officer_id__in=ids, period=period)
        .select_related("rule")
        .annotate(severity_order=SEVERITY_ORDER)
        .order_by("officer_id", "-severity_order", "-raised_at", "-id")
    )
    for flag in flags:
        result[flag.officer_id].append(_summary(flag))
    return result


FLAG_STATUS_CHOICES = [("active", "Open or acknowledged"), *FlagStatus.choices]
