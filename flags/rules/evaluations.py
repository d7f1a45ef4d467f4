"""Evaluation metrics: critical competencies rated Unsatisfactory, and the overall rating.

Only signed evaluations count (submitted, reviewed or acknowledged): a draft's
ratings can still change.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.urls import reverse

from evaluations.contracts import evaluation_summaries
from flags.rules.registry import EvaluationContext, MetricResult, MetricSpec, register

if TYPE_CHECKING:
    from flags.models import FlagRule


def _signed(context: EvaluationContext) -> dict:
    return context.cached(
        "evaluations.signed",
        lambda: {
            officer_id: [s for s in summaries if s.is_signed]
            for officer_id, summaries in evaluation_summaries(
                officer_ids=context.officer_ids, period=context.period
            ).items()
        },
    )


def _record(summary) -> dict:
    return {
        "kind": "evaluation",
        "id": summary.evaluation_id,
        "label": f"{summary.rubric_name} evaluation at {summary.school_name} by {summary.evaluator_name}",
        "url": reverse("evaluation-detail", kwargs={"pk": summary.evaluation_id}),
    }


def critical_unsatisfactory(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    results = {}
    for officer_id, summaries in _signed(context).items():
        figures = {}
        records = []
        count = 0
        for summary in summaries:
            codes = summary.critical_unsatisfactory
            if not codes:
                continue
            count += len(codes)
            names = [c.name for c in summary.competencies if c.code in codes]
            figures[f"{summary.school_name} ({summary.evaluation_id})"] = (
                ", ".join(names) + " rated Unsatisfactory"
            )
            records.append(_record(summary))
        results[officer_id] = MetricResult(
            value=Decimal(count), figures=figures, records=tuple(records), sample=len(summaries)
        )
    return results


def overall_rating(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    results = {}
    for officer_id, summaries in _signed(context).items():
        rated = [s for s in summaries if s.overall_level is not None]
        if not rated:
            results[officer_id] = MetricResult(value=None, sample=0)
            continue
        lowest = min(rated, key=lambda s: s.overall_level)
        results[officer_id] = MetricResult(
            value=Decimal(lowest.overall_level),
            figures={
                f"{s.school_name} ({s.evaluation_id})": f"{s.overall_level} — {s.overall_label}"
                for s in rated
            },
            records=(_record(lowest),),
            sample=len(rated),
        )
    return results


register(
    MetricSpec(
        code="critical_unsatisfactory",
        label="Critical competencies rated Unsatisfactory",
        description="How many critical competencies signed evaluations rate Unsatisfactory in the period.",
        unit="ratings",
        compute=critical_unsatisfactory,
    )
)
register(
    MetricSpec(
        code="overall_rating",
        label="Lowest overall rating",
        description="The lowest overall level (1 Unsatisfactory to 4) of a signed evaluation in the period.",
        unit="level",
        compute=overall_rating,
    )
)
