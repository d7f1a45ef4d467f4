"""The cross-app read functions packets and flags call (docs/contracts.md).

Both take many officers at once and run a fixed number of queries whatever the
number of officers, incidents, actions or complaints.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Q

from activity.models import Incident
from roster.models import Assignment, District, EvaluationPeriod, Officer

from .metrics import OfficerActivityMetrics, officer_metrics

PEER_METRICS = (
    "incidents",
    "arrests",
    "arrests_per_1000",
    "referrals_per_1000",
    "alternatives_share",
    "use_of_force_count",
    "ordinary_discipline_count",
    "complaints_sustained",
)
PERCENTILES = (10, 25, 50, 75, 90)


def activity_metrics_for_officers(
    *, officer_ids: Iterable[int], period: EvaluationPeriod
) -> dict[int, OfficerActivityMetrics]:
    """Every officer gets an entry, with zeros when they have no activity."""
    return officer_metrics(period=period, officer_ids=sorted(set(officer_ids)))


@dataclass(frozen=True)
class DistrictActivityFigures:
    """Peer figures over the officers who served in the district during the period.

    ``percentiles[metric][p]`` is the p-th percentile (linear interpolation) over the
    officers that have a value for the metric; rates are missing for an officer with
    no enrollment figures, and the alternatives share for one with no outcome.
    """

    district_id: int
    period_id: int
    officer_count: int
    medians: Mapping[str, float | None]
    percentiles: Mapping[str, Mapping[int, float | None]]
    per_officer: Mapping[int, OfficerActivityMetrics]

    def percentile_rank(self, metric: str, value: float | None) -> float | None:
        """Share of peers (0-100) whose figure is at or below ``value``."""
        values = _values(self.per_officer.values(), metric)
        if value is None or not values:
            return None
        return 100 * sum(1 for v in values if v <= value) / len(values)


def _values(metrics: Iterable[OfficerActivityMetrics], name: str) -> list[float]:
    return sorted(v for v in (getattr(m, name) for m in metrics) if v is not None)


def _percentile(values: list[float], p: int) -> float | None:
    if not values:
        return None
    position = (len(values) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def district_activity_figures(
    *, district: District, period: EvaluationPeriod
) -> DistrictActivityFigures:
    assigned = (
        Assignment.objects.overlapping(period.start_date, period.end_date)
        .filter(school__district=district)
        .values("officer_id")
    )
    active = Incident.objects.filter(
        school__district=district, date__gte=period.start_date, date__lte=period.end_date
    ).values("officer_id")
    officer_ids = list(
        Officer.objects.filter(Q(pk__in=assigned) | Q(pk__in=active)).values_list("pk", flat=True)
    )
    per_officer = officer_metrics(period=period, officer_ids=officer_ids)
    percentiles = {
        name: {p: _percentile(_values(per_officer.values(), name), p) for p in PERCENTILES}
        for name in PEER_METRICS
    }
    return DistrictActivityFigures(
        district_id=district.pk,
        period_id=period.pk,
        officer_count=len(officer_ids),
        medians={name: percentiles[name][50] for name in PEER_METRICS},
        percentiles=percentiles,
        per_officer=per_officer,
    )
