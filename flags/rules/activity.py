"""Activity metrics: complaints, force, alternatives, arrest rates, ordinary discipline.

All read ``activity.selectors`` once per evaluation (the officers' figures, and the
district's peer figures for the arrest-rate rules), shared by every rule.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.urls import reverse

from activity.contracts import activity_metrics_for_officers, district_activity_figures
from flags.rules.registry import EvaluationContext, MetricResult, MetricSpec, register

if TYPE_CHECKING:
    from activity.contracts import DistrictActivityFigures, OfficerActivityMetrics
    from flags.models import FlagRule


def _officers(context: EvaluationContext) -> dict[int, OfficerActivityMetrics]:
    return context.cached(
        "activity.officers",
        lambda: activity_metrics_for_officers(
            officer_ids=context.officer_ids, period=context.period
        ),
    )


def _district(context: EvaluationContext) -> DistrictActivityFigures:
    return context.cached(
        "activity.district",
        lambda: district_activity_figures(district=context.district, period=context.period),
    )


def _decimal(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def sustained_complaints(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    since = context.window_start(rule)
    results = {}
    for officer_id, metrics in _officers(context).items():
        counted = [c for c in metrics.sustained_complaints if c.received_date >= since]
        results[officer_id] = MetricResult(
            value=Decimal(len(counted)),
            figures={
                "counted from": since.isoformat(),
                "sustained complaints in the window": len(counted),
                "sustained complaints in the period": len(metrics.sustained_complaints),
            },
            records=tuple(
                {
                    "kind": "complaint",
                    "id": c.complaint_id,
                    "label": f"Complaint received {c.received_date:%Y-%m-%d}, sustained"
                    + (f" ({', '.join(c.allegations)})" if c.allegations else ""),
                    "url": reverse("activity:complaint", kwargs={"pk": c.complaint_id}),
                }
                for c in counted
            ),
            sample=len(counted),
        )
    return results


def use_of_force_level(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    return {
        officer_id: MetricResult(
            value=Decimal(metrics.highest_force_level or 0),
            figures={
                "highest force level": metrics.highest_force_level or "none",
                "uses of force": metrics.use_of_force_count,
            },
            sample=metrics.use_of_force_count,
        )
        for officer_id, metrics in _officers(context).items()
    }


def alternatives_share(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    results = {}
    for officer_id, metrics in _officers(context).items():
        enough = metrics.incidents_with_outcome >= (rule.min_sample or 1)
        share = metrics.alternatives_share
        results[officer_id] = MetricResult(
            value=_decimal(100 * share) if enough and share is not None else None,
            figures={
                "incidents with an outcome": metrics.incidents_with_outcome,
                "handled with an alternative": metrics.handled_with_alternative,
                "percent handled with an alternative": None
                if share is None
                else round(100 * share, 1),
            },
            sample=metrics.incidents_with_outcome,
        )
    return results


def arrest_rate_vs_median(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    # A district whose median officer makes no arrests has no ratio to compare with;
    # the percentile rule covers that case.
    median = _district(context).medians.get("arrests_per_1000")
    results = {}
    for officer_id, metrics in _officers(context).items():
        rate = metrics.arrests_per_1000
        usable = metrics.arrests >= (rule.min_sample or 1)
        results[officer_id] = MetricResult(
            value=_decimal(rate / median) if rate is not None and median and usable else None,
            figures={
                "arrests": metrics.arrests,
                "arrests per 1,000 students": None if rate is None else round(rate, 2),
                "district median per 1,000": None if median is None else round(median, 2),
            },
            sample=metrics.arrests,
        )
    return results


def arrest_rate_percentile(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    # Only officers who made arrests are ranked: with most peers at zero, a zero rate
    # would otherwise sit at a high percentile.
    figures = _district(context)
    peers = sum(1 for m in figures.per_officer.values() if m.arrests_per_1000 is not None)
    results = {}
    for officer_id, metrics in _officers(context).items():
        rate = metrics.arrests_per_1000
        rank = figures.percentile_rank("arrests_per_1000", rate) if rate else None
        usable = peers >= (rule.min_sample or 1)
        results[officer_id] = MetricResult(
            value=_decimal(rank) if rank is not None and usable else None,
            figures={
                "arrests per 1,000 students": None if rate is None else round(rate, 2),
                "peers with a rate": peers,
                "percentile among peers": None if rank is None else round(rank, 1),
            },
            sample=peers,
        )
    return results


def ordinary_discipline_actions(
    rule: FlagRule, context: EvaluationContext
) -> dict[int, MetricResult]:
    return {
        officer_id: MetricResult(
            value=Decimal(metrics.ordinary_discipline_count),
            figures={
                "incidents that were ordinary school discipline": metrics.ordinary_discipline_count,
                "incidents": metrics.incidents,
            },
            sample=metrics.incidents,
        )
        for officer_id, metrics in _officers(context).items()
    }


for spec in (
    MetricSpec(
        "sustained_complaints",
        "Sustained complaints",
        "Sustained complaints received in the window.",
        sustained_complaints,
        unit="complaints",
        uses_window=True,
    ),
    MetricSpec(
        "use_of_force_level",
        "Highest use-of-force level",
        "The highest force level used in the period (1 soft control to 4 deadly force); 0 for none.",
        use_of_force_level,
        unit="level",
    ),
    MetricSpec(
        "alternatives_share",
        "Share handled with alternatives",
        "Percent of incidents with an outcome handled with an alternative to arrest, citation or referral.",
        alternatives_share,
        unit="%",
        uses_min_sample=True,
    ),
    MetricSpec(
        "arrest_rate_vs_median",
        "Arrest rate / district median",
        "Arrests per 1,000 students divided by the district's median officer rate.",
        arrest_rate_vs_median,
        unit="x median",
        uses_min_sample=True,
    ),
    MetricSpec(
        "arrest_rate_percentile",
        "Arrest rate percentile among peers",
        "Where the officer's arrests per 1,000 students rank among the district's officers (0-100).",
        arrest_rate_percentile,
        unit="percentile",
        uses_min_sample=True,
    ),
    MetricSpec(
        "ordinary_discipline_actions",
        "Ordinary school discipline handled by the officer",
        "Incidents logged as ordinary school discipline matters.",
        ordinary_discipline_actions,
        unit="incidents",
    ),
):
    register(spec)
