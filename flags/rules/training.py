"""Training metric: how long the most overdue required course has been overdue."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.urls import reverse

from flags.rules.registry import EvaluationContext, MetricResult, MetricSpec, register
from training_records.contracts import compliance_for_officers

if TYPE_CHECKING:
    from flags.models import FlagRule


def _compliance(context: EvaluationContext) -> dict:
    return context.cached(
        "training.compliance",
        lambda: compliance_for_officers(officer_ids=context.officer_ids, on=context.on),
    )


def training_overdue_days(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    results = {}
    for officer_id, compliance in _compliance(context).items():
        overdue = [r for r in compliance.requirements if r.status == "overdue"]
        results[officer_id] = MetricResult(
            value=Decimal(compliance.max_overdue_days),
            figures={
                r.label: f"{r.overdue_days} days overdue (due {r.due_date:%Y-%m-%d})"
                if r.due_date
                else f"{r.overdue_days} days overdue"
                for r in overdue
            },
            records=(
                {
                    "kind": "training",
                    "id": officer_id,
                    "label": "Training transcript",
                    "url": reverse("training_records:officer", kwargs={"pk": officer_id}),
                },
            )
            if overdue
            else (),
            sample=len(compliance.requirements),
        )
    return results


register(
    MetricSpec(
        code="training_overdue_days",
        label="Days required training is overdue",
        description="The most days any required course of the officer's MOU is overdue.",
        unit="days",
        compute=training_overdue_days,
    )
)
