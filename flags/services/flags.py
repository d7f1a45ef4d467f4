"""Every write to flag rules and flags: defaults, edits, evaluation, lifecycle."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.dates import today
from core.errors import ApplicationError, ConflictError
from core.models import AuditEvent
from core.queue import send_on_commit, task_named
from flags.models import Flag, FlagRule, FlagSeverity, FlagStatus
from flags.models.flags import ACTIVE_FLAG_STATUSES, SEVERITY_RANK
from flags.rules import registry
from roster.models import Assignment, District, EvaluationPeriod
from roster.selectors import period_current

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FLAG_EVALUATED_FIELDS = (
    "severity",
    "value",
    "evidence",
    "last_evaluated_at",
    "cleared_at",
    "updated_at",
)


# flags/tasks.py calls this module; it names the task rather than importing it.
EVALUATE_DISTRICT_TASK = "flags.evaluate_district"


def flags_evaluate_later(district_id: int) -> None:
    """Re-evaluate the district's flags in a task once the caller's transaction commits.

    Other apps' services call this after a change that can raise or clear a flag (a
    submitted evaluation, an imported training file, a logged action).
    """
    # A broker outage must not fail the caller's stored change: the send is logged
    # and skipped, and the nightly evaluation catches up.
    send_on_commit(task_named(EVALUATE_DISTRICT_TASK), district_id)


@dataclass
class FlagEvaluationResult:
    district: str
    period: str | None
    officers: int = 0
    rules: int = 0
    created: int = 0
    updated: int = 0
    cleared: int = 0
    unchanged: int = 0
    skipped_rules: list[str] = field(default_factory=list)


def _audit_row(flag: Flag, action: str, changes: dict, reason: str = "") -> AuditEvent:
    # Built like core.audit.audit_record, but inserted in bulk with the flags, so a
    # district-wide evaluation writes its history in a fixed number of statements.
    return AuditEvent(
        actor=None,
        district_id=flag.district_id,
        action=action,
        target_type=Flag._meta.label_lower,
        target_id=str(flag.pk),
        reason=reason,
        changes=changes,
    )


def _same_evidence(stored: dict, fresh: dict) -> bool:
    """Equal but for the day it was computed, compared as stored (JSON)."""
    fresh = json.loads(json.dumps(fresh, cls=DjangoJSONEncoder))
    return {**stored, "evaluated_on": None} == {**fresh, "evaluated_on": None}


def _evidence(rule: FlagRule, result: registry.MetricResult, on: datetime.date) -> dict:
    return {
        "value": str(result.value),
        "sample": result.sample,
        "figures": result.figures,
        "records": list(result.records),
        "rule": rule.snapshot(),
        "evaluated_on": on.isoformat(),
    }


def evaluation_officer_ids(*, district: District, period: EvaluationPeriod) -> list[int]:
    """Officers assigned to one of the district's schools at any time in the period."""
    return sorted(
        set(
            Assignment.objects.overlapping(period.start_date, period.end_date)
            .filter(school__district=district)
            .values_list("officer_id", flat=True)
        )
    )


def flags_evaluate_district(  # noqa: C901 - one pass over rules x officers in one transaction; the clear/update/raise branches share the batches
    *, district: District, period: EvaluationPeriod | None = None, on: datetime.date | None = None
) -> FlagEvaluationResult:
    """Run every active rule of the district for all its officers; idempotent.

    A condition that still holds updates its one active flag (severity, figures,
    evidence); one that stopped holding marks the flag cleared; a new condition raises
    a new flag unless people already closed a flag at that severity or above for the
    same rule, officer and period (dismissing a flag must not bring it back nightly).
    """
    on = on or today()
    period = period or period_current(district=district, day=on)
    result = FlagEvaluationResult(district=district.code, period=period.name if period else None)
    if period is None:
        return result
    now = timezone.now()
    with transaction.atomic():
        # One evaluation per district at a time: a second one waits here, then sees
        # the first one's flags instead of colliding with them on the unique constraint.
        District.objects.select_for_update().filter(pk=district.pk).first()
        officer_ids = evaluation_officer_ids(district=district, period=period)
        rules = list(FlagRule.objects.filter(district=district, is_active=True).order_by("code"))
        active = {
            (flag.rule_id, flag.officer_id): flag
            for flag in Flag.objects.filter(
                district=district, period=period, status__in=ACTIVE_FLAG_STATUSES
            )
        }
        closed_rank: dict[tuple[int, int], int] = {}
        closed = Flag.objects.filter(district=district, period=period).exclude(
            status__in=ACTIVE_FLAG_STATUSES
        )
        for rule_id, officer_id, severity in closed.values_list(
            "rule_id", "officer_id", "severity"
        ):
            key = (rule_id, officer_id)
            closed_rank[key] = max(closed_rank.get(key, 0), SEVERITY_RANK[FlagSeverity(severity)])
        result.officers = len(officer_ids)
        context = registry.EvaluationContext(
            district=district, period=period, on=on, officer_ids=officer_ids
        )
        to_create: list[Flag] = []
        to_update: list[Flag] = []
        still: list[int] = []
        audits: list[AuditEvent] = []
        for rule in rules:
            spec = registry.metric_spec(rule.metric)
            if spec is None:
                result.skipped_rules.append(rule.code)
                continue
            result.rules += 1
            values = spec.compute(rule, context)
            for officer_id in officer_ids:
                metric = values.get(officer_id)
                severity = (
                    rule.severity_for(metric.value) if metric and metric.value is not None else None
                )
                existing = active.get((rule.pk, officer_id))
                if severity is None:
                    if existing is not None and existing.cleared_at is None:
                        existing.cleared_at = now
                        existing.last_evaluated_at = now
                        existing.updated_at = now
                        to_update.append(existing)
                        audits.append(
                            _audit_row(
                                existing,
                                "flag.cleared",
                                {"cleared_at": [None, now.isoformat()]},
                                reason="The rule's condition no longer holds.",
                            )
                        )
                        result.cleared += 1
                    continue
                # A severity comes only from a metric with a value (above).
                assert metric is not None
                assert metric.value is not None
                evidence = _evidence(rule, metric, on)
                value = metric.value.quantize(Decimal("0.01"))
                if existing is not None:
                    before = {
                        "severity": existing.severity,
                        "value": str(existing.value),
                        "cleared_at": existing.cleared_at.isoformat()
                        if existing.cleared_at
                        else None,
                    }
                    after = {"severity": str(severity), "value": str(value), "cleared_at": None}
                    changes = changes_between(before, after)
                    if not changes and _same_evidence(existing.evidence, evidence):
                        # Most flags hold still from one night to the next: they only
                        # get their evaluation time, in one UPDATE for all of them.
                        still.append(existing.pk)
                        result.unchanged += 1
                        continue
                    existing.severity = severity
                    existing.value = value
                    existing.evidence = evidence
                    existing.cleared_at = None
                    existing.last_evaluated_at = now
                    existing.updated_at = now
                    to_update.append(existing)
                    if changes:
                        audits.append(_audit_row(existing, "flag.updated", changes))
                        result.updated += 1
                    else:
                        result.unchanged += 1
                    continue
                if closed_rank.get((rule.pk, officer_id), 0) >= SEVERITY_RANK[severity]:
                    continue
                to_create.append(
                    Flag(
                        district=district,
                        rule=rule,
                        officer_id=officer_id,
                        period=period,
                        severity=severity,
                        value=value,
                        evidence=evidence,
                        raised_at=now,
                        last_evaluated_at=now,
                    )
                )
        created = Flag.objects.bulk_create(to_create)
        result.created = len(created)
        for flag in created:
            audits.append(
                _audit_row(
                    flag,
                    "flag.raised",
                    {"severity": [None, flag.severity], "value": [None, str(flag.value)]},
                )
            )
        if to_update:
            Flag.objects.bulk_update(to_update, FLAG_EVALUATED_FIELDS)
        if still:
            Flag.objects.filter(pk__in=still).update(last_evaluated_at=now)
        if audits:
            AuditEvent.objects.bulk_create(audits)
    return result


def flags_evaluate_all(*, on: datetime.date | None = None) -> list[FlagEvaluationResult]:
    return [
        flags_evaluate_district(district=district, on=on)
        for district in District.objects.order_by("code")
    ]


def _require_flag_actor(actor: User, flag: Flag) -> None:
    """Coordinators, the officer's principals and supervisors act on flags; officers read them."""
    if not Flag.objects.actionable_by(actor).filter(pk=flag.pk).exists():
        raise ApplicationError("You can read this flag but not act on it.", status=403)


def _flag_transition(
    *, flag: Flag, actor: User, to: FlagStatus, note: str, allowed_from: tuple[str, ...]
) -> Flag:
    _require_flag_actor(actor, flag)
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if flag.status not in allowed_from:
            raise ConflictError(
                f"This flag is {flag.get_status_display().lower()}; it can't become {to.label.lower()}."
            )
        before = field_values(flag, ("status", "note"))
        flag.status = to
        now = timezone.now()
        if to == FlagStatus.ACKNOWLEDGED:
            flag.acknowledged_by = actor
            flag.acknowledged_at = now
            if note:
                flag.note = note
        else:
            flag.closed_by = actor
            flag.closed_at = now
            flag.note = note
        flag.full_clean()
        flag.save()
        audit_record(
            actor=actor,
            action=f"flag.{to.value}",
            target=flag,
            district=flag.district_id,
            reason=note,
            changes=changes_between(before, field_values(flag, ("status", "note"))),
        )
    return flag


class FlagTransition(Protocol):
    """What the pages and the API call to move a flag along: acknowledge, resolve, dismiss."""

    def __call__(self, *, flag: Flag, actor: User, note: str) -> Flag: ...


def flag_acknowledge(*, flag: Flag, actor: User, note: str = "") -> Flag:
    return _flag_transition(
        flag=flag,
        actor=actor,
        to=FlagStatus.ACKNOWLEDGED,
        note=note.strip(),
        allowed_from=(FlagStatus.OPEN,),
    )


def flag_resolve(*, flag: Flag, actor: User, note: str) -> Flag:
    if not note.strip():
        raise ApplicationError("Say how the flag was resolved.")
    return _flag_transition(
        flag=flag,
        actor=actor,
        to=FlagStatus.RESOLVED,
        note=note.strip(),
        allowed_from=ACTIVE_FLAG_STATUSES,
    )


def flag_dismiss(*, flag: Flag, actor: User, note: str) -> Flag:
    if not note.strip():
        raise ApplicationError("Say why the flag is dismissed.")
    return _flag_transition(
        flag=flag,
        actor=actor,
        to=FlagStatus.DISMISSED,
        note=note.strip(),
        allowed_from=ACTIVE_FLAG_STATUSES,
    )
