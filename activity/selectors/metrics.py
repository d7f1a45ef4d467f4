"""Activity metrics per officer or per school for one period, aggregated in SQL.

One implementation serves the cross-app contract (per officer, for packets and
flags) and the public report (per school): ``_aggregate`` groups the period's
incidents by ``incident.<key>`` in a fixed number of queries, whatever the number
of officers, schools or actions.

Definitions (docs/activity.md):
- *incidents*: one student's contact with an officer (see activity/models/incidents.py).
- *alternatives share*: incidents handled with an alternative and no arrest,
  citation, summons or referral, divided by the incidents that had either kind of
  outcome (incidents with only a search, restraint or force have no outcome).
- *per 1,000 students*: arrests (or referrals) x 1000 / enrollment of the schools.
- *relative rate* of a group: its share of arrests divided by its share of
  enrollment in the same dimension (1.0 = arrested in proportion; 2.0 = twice).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from activity.models import (
    ALTERNATIVE_TYPES,
    FORMAL_TYPES,
    ActionType,
    Complaint,
    ComplaintStatus,
    Dimension,
    EnforcementAction,
    Enrollment,
    Incident,
)
from activity.models.demographics import ALL_GROUP, DIMENSION_GROUPS, Group, groups
from roster.models import Assignment, EvaluationPeriod, School

RATE_TYPES = (ActionType.ARREST, ActionType.REFERRAL)
DEMOGRAPHIC_FIELDS = tuple(DIMENSION_GROUPS)


@dataclass(frozen=True)
class GroupRate:
    """One demographic group's arrests set against its enrollment."""

    group: str
    dimension: str
    label: str
    arrests: int
    referrals: int
    enrollment: int | None
    share_of_arrests: float | None
    share_of_enrollment: float | None
    relative_rate: float | None


@dataclass(frozen=True)
class SustainedComplaint:
    complaint_id: int
    received_date: datetime.date
    closed_on: datetime.date | None
    allegations: tuple[str, ...]


@dataclass(frozen=True)
class ActivityMetrics:
    """Figures for one officer or one school in one period (see the module docstring)."""

    key: int | None
    counts_by_type: Mapping[str, int]
    incidents: int
    incidents_with_outcome: int
    handled_with_alternative: int
    alternatives_share: float | None
    ordinary_discipline_count: int
    highest_force_level: int | None
    enrollment: int | None
    arrests_per_1000: float | None
    referrals_per_1000: float | None
    relative_rates: Mapping[str, GroupRate]
    complaints_by_outcome: Mapping[str, int]
    sustained_complaints: tuple[SustainedComplaint, ...]

    @property
    def arrests(self) -> int:
        return self.counts_by_type[ActionType.ARREST]

    @property
    def referrals(self) -> int:
        return self.counts_by_type[ActionType.REFERRAL]

    @property
    def use_of_force_count(self) -> int:
        return self.counts_by_type[ActionType.USE_OF_FORCE]

    @property
    def complaints_total(self) -> int:
        return sum(self.complaints_by_outcome.values())

    @property
    def complaints_sustained(self) -> int:
        return self.complaints_by_outcome[ComplaintStatus.SUSTAINED]


def period_incidents(*, period: EvaluationPeriod) -> QuerySet[Incident]:
    return Incident.objects.filter(
        school__district_id=period.district_id,
        date__gte=period.start_date,
        date__lte=period.end_date,
    )


def _ratio(part: int, whole: int | None) -> float | None:
    return part / whole if whole else None


def _per_1000(count: int, enrollment: int | None) -> float | None:
    return 1000 * count / enrollment if enrollment else None


@dataclass
class _Raw:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ActionType.values, 0))
    incidents: int = 0
    with_outcome: int = 0
    alternative: int = 0
    ordinary: int = 0
    top_force: int | None = None
    by_group: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    complaints: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(ComplaintStatus.values, 0)
    )
    sustained: list[SustainedComplaint] = field(default_factory=list)


def _aggregate(
    *,
    incidents: QuerySet[Incident],
    complaints: QuerySet[Complaint],
    key: str,
    keys: Iterable[int | None],
) -> dict[int | None, _Raw]:
    """Five queries: incident outcomes, action counts, arrests/referrals by group, complaints
    by status, sustained complaints."""
    raw: dict[int | None, _Raw] = {k: _Raw() for k in keys}

    has_alternative = Exists(
        EnforcementAction.objects.filter(incident=OuterRef("pk"), action_type__in=ALTERNATIVE_TYPES)
    )
    has_formal = Exists(
        EnforcementAction.objects.filter(incident=OuterRef("pk"), action_type__in=FORMAL_TYPES)
    )
    outcome_rows = (
        incidents.annotate(has_alternative=has_alternative, has_formal=has_formal)
        .order_by()
        .values(key)
        .annotate(
            total=Count("pk"),
            ordinary=Count("pk", filter=Q(ordinary_discipline=True)),
            with_outcome=Count("pk", filter=Q(has_alternative=True) | Q(has_formal=True)),
            alternative=Count("pk", filter=Q(has_alternative=True, has_formal=False)),
        )
    )
    for row in outcome_rows:
        entry = raw.setdefault(row[key], _Raw())
        entry.incidents = row["total"]
        entry.ordinary = row["ordinary"]
        entry.with_outcome = row["with_outcome"]
        entry.alternative = row["alternative"]

    actions = EnforcementAction.objects.filter(incident__in=incidents).order_by()
    for row in actions.values(f"incident__{key}", "action_type").annotate(
        n=Count("pk"), top=Max("force_level")
    ):
        entry = raw.setdefault(row[f"incident__{key}"], _Raw())
        entry.counts[row["action_type"]] = row["n"]
        if row["top"] is not None:
            entry.top_force = max(entry.top_force or 0, row["top"])

    group_rows = (
        actions.filter(action_type__in=RATE_TYPES)
        .values(f"incident__{key}", "action_type", *(f"incident__{f}" for f in DEMOGRAPHIC_FIELDS))
        .annotate(n=Count("pk"))
    )
    for row in group_rows:
        entry = raw.setdefault(row[f"incident__{key}"], _Raw())
        for dimension in DEMOGRAPHIC_FIELDS:
            entry.by_group[
                (row["action_type"], f"{dimension}:{row[f'incident__{dimension}']}")
            ] += row["n"]

    complaint_rows = complaints.order_by().values(key, "status").annotate(n=Count("pk"))
    for row in complaint_rows:
        raw.setdefault(row[key], _Raw()).complaints[row["status"]] = row["n"]
    sustained = complaints.filter(status=ComplaintStatus.SUSTAINED).order_by("received_date", "pk")
    for pk, owner, received, closed, allegations in sustained.values_list(
        "pk", key, "received_date", "closed_on", "allegations"
    ):
        raw.setdefault(owner, _Raw()).sustained.append(
            SustainedComplaint(pk, received, closed, tuple(allegations or ()))
        )
    return raw


_M = TypeVar("_M", bound=ActivityMetrics)


def _build(
    key: int | None,
    raw: _Raw,
    enrollment: Mapping[str, int],
    cls: type[_M],
    **extra: int,
) -> _M:
    total = enrollment.get(f"{Dimension.ALL}:{ALL_GROUP}")
    arrests = raw.counts[ActionType.ARREST]
    rates = {}
    for group in groups():
        rates[group.key] = _group_rate(group, raw, enrollment, arrests)
    return cls(
        key=key,
        **extra,
        counts_by_type=dict(raw.counts),
        incidents=raw.incidents,
        incidents_with_outcome=raw.with_outcome,
        handled_with_alternative=raw.alternative,
        alternatives_share=_ratio(raw.alternative, raw.with_outcome),
        ordinary_discipline_count=raw.ordinary,
        highest_force_level=raw.top_force,
        enrollment=total,
        arrests_per_1000=_per_1000(arrests, total),
        referrals_per_1000=_per_1000(raw.counts[ActionType.REFERRAL], total),
        relative_rates=rates,
        complaints_by_outcome=dict(raw.complaints),
        sustained_complaints=tuple(raw.sustained),
    )


def _group_rate(group: Group, raw: _Raw, enrollment: Mapping[str, int], arrests: int) -> GroupRate:
    group_arrests = raw.by_group.get((ActionType.ARREST, group.key), 0)
    group_enrollment = enrollment.get(group.key)
    dimension_enrollment = sum(
        enrollment.get(f"{group.dimension}:{value}", 0)
        for value in DIMENSION_GROUPS[group.dimension].values
    )
    share_of_arrests = _ratio(group_arrests, arrests)
    share_of_enrollment = (
        _ratio(group_enrollment, dimension_enrollment) if group_enrollment is not None else None
    )
    relative = (
        share_of_arrests / share_of_enrollment
        if share_of_arrests is not None and share_of_enrollment
        else None
    )
    return GroupRate(
        group=group.key,
        dimension=group.dimension,
        label=group.label,
        arrests=group_arrests,
        referrals=raw.by_group.get((ActionType.REFERRAL, group.key), 0),
        enrollment=group_enrollment,
        share_of_arrests=share_of_arrests,
        share_of_enrollment=share_of_enrollment,
        relative_rate=relative,
    )


def _school_enrollment(
    *, school_ids: Iterable[int], period: EvaluationPeriod
) -> dict[int, dict[str, int]]:
    """Enrollment by group per school; the total falls back to the sum of race groups,
    then to the school's own enrollment figure."""
    ids = list(school_ids)
    out: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    rows = Enrollment.objects.filter(school_id__in=ids, period=period).values_list(
        "school_id", "dimension", "group", "students"
    )
    for school_id, dimension, group, students in rows:
        out[school_id][f"{dimension}:{group}"] = students
    fallback = dict(School.objects.filter(pk__in=ids).values_list("pk", "enrollment"))
    all_key = f"{Dimension.ALL}:{ALL_GROUP}"
    for school_id, figures in out.items():
        if all_key in figures:
            continue
        race = [v for k, v in figures.items() if k.startswith(f"{Dimension.RACE_ETHNICITY}:")]
        if race:
            figures[all_key] = sum(race)
        elif fallback.get(school_id) is not None:
            figures[all_key] = fallback[school_id]
    return out


def _add_enrollment(into: dict[str, int], figures: Mapping[str, int]) -> None:
    for group_key, students in figures.items():
        into[group_key] = into.get(group_key, 0) + students


@dataclass(frozen=True)
class SchoolActivityMetrics:
    """The public report's figures: per school, complaints naming no school, the district."""

    schools: Mapping[int, ActivityMetrics]
    no_school: ActivityMetrics
    district: ActivityMetrics


def _merge(raws: Iterable[_Raw]) -> _Raw:
    total = _Raw()
    for raw in raws:
        for name, n in raw.counts.items():
            total.counts[name] += n
        total.incidents += raw.incidents
        total.with_outcome += raw.with_outcome
        total.alternative += raw.alternative
        total.ordinary += raw.ordinary
        if raw.top_force is not None:
            total.top_force = max(total.top_force or 0, raw.top_force)
        for group_key, n in raw.by_group.items():
            total.by_group[group_key] += n
        for status, n in raw.complaints.items():
            total.complaints[status] += n
        total.sustained.extend(raw.sustained)
    return total


def school_metrics(*, period: EvaluationPeriod, school_ids: Iterable[int]) -> SchoolActivityMetrics:
    ids = list(school_ids)
    incidents = period_incidents(period=period).filter(school_id__in=ids)
    complaints = Complaint.objects.filter(
        district_id=period.district_id,
        received_date__gte=period.start_date,
        received_date__lte=period.end_date,
    ).filter(Q(school_id__in=ids) | Q(school__isnull=True))
    raw = _aggregate(incidents=incidents, complaints=complaints, key="school_id", keys=[*ids, None])
    enrollment = _school_enrollment(school_ids=ids, period=period)
    district_enrollment: dict[str, int] = {}
    for figures in enrollment.values():
        _add_enrollment(district_enrollment, figures)
    return SchoolActivityMetrics(
        schools={pk: _build(pk, raw[pk], enrollment[pk], ActivityMetrics) for pk in ids},
        no_school=_build(None, raw[None], {}, ActivityMetrics),
        district=_build(
            period.district_id, _merge(raw.values()), district_enrollment, ActivityMetrics
        ),
    )


@dataclass(frozen=True)
class OfficerActivityMetrics(ActivityMetrics):
    """The cross-app contract's per-officer figures (docs/contracts.md)."""

    officer_id: int = 0
    period_id: int = 0


def officer_metrics(
    *, period: EvaluationPeriod, officer_ids: Iterable[int]
) -> dict[int, OfficerActivityMetrics]:
    ids = list(officer_ids)
    incidents = period_incidents(period=period).filter(officer_id__in=ids)
    complaints = Complaint.objects.filter(
        officer_id__in=ids, received_date__gte=period.start_date, received_date__lte=period.end_date
    )
    raw = _aggregate(incidents=incidents, complaints=complaints, key="officer_id", keys=ids)
    # The officer's students: every school of the district they served during the period.
    served = set(
        Assignment.objects.overlapping(period.start_date, period.end_date)
        .filter(officer_id__in=ids, school__district_id=period.district_id)
        .values_list("officer_id", "school_id")
    )
    enrollment = _school_enrollment(school_ids={school for _, school in served}, period=period)
    by_officer: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for officer_id, school_id in served:
        _add_enrollment(by_officer[officer_id], enrollment[school_id])
    return {
        pk: _build(
            pk, raw[pk], by_officer[pk], OfficerActivityMetrics, officer_id=pk, period_id=period.pk
        )
        for pk in ids
    }
