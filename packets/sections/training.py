"""Training: standing against each requirement, and hours by category in the period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from core.dates import today
from packets.sections.base import BatchContext, day, label_of
from packets.snapshot import Chart, SectionContent, Table
from roster.models import Assignment
from training_records.contracts import (
    ComplianceStatus,
    OfficerCompliance,
    category_labels,
    compliance_for_officers,
    training_hours_by_category,
)


@dataclass(frozen=True)
class BatchCompliance:
    """Each officer's standing, the batch's and every officer's who served in the
    district during the period (the summary sets the officer beside them)."""

    standings: dict[int, OfficerCompliance]
    district_officer_ids: list[int]


def percent_met(standing: OfficerCompliance) -> float | None:
    """The share of the officer's requirements met; None without requirements."""
    if not standing.requirements:
        return None
    met = sum(1 for r in standing.requirements if r.status == ComplianceStatus.MET)
    return round(100 * met / len(standing.requirements), 1)


def batch_compliance(context: BatchContext) -> BatchCompliance:
    """One compliance read for the batch and the district's officers: one query for
    who served, then the contract's fixed four, whatever the batch or district size.

    Judged today while the period runs, at its end afterwards. The snapshot holds
    statuses and dates, not "days overdue", so it changes only when a standing does.
    """

    def read() -> BatchCompliance:
        period = context.period
        served = sorted(
            set(
                Assignment.objects.filter(
                    Q(end_date__isnull=True) | Q(end_date__gte=period.start_date),
                    school__district_id=period.district_id,
                    start_date__lte=period.end_date,
                ).values_list("officer_id", flat=True)
            )
        )
        standings = compliance_for_officers(
            officer_ids=sorted(set(served) | set(context.officer_ids)),
            on=min(today(), period.end_date),
        )
        return BatchCompliance(standings, served)

    return context.once("training_compliance", read)


def collect(context: BatchContext) -> dict[int, SectionContent]:
    period = context.period
    compliance = batch_compliance(context).standings
    hours = training_hours_by_category(
        officer_ids=context.officer_ids, start=period.start_date, end=period.end_date
    )
    labels = category_labels()

    def category(value: str) -> str:
        return labels.get(value, label_of(value))

    contents = {}
    for officer_id in context.officer_ids:
        standing = compliance[officer_id]
        by_category = hours[officer_id]
        total = sum(by_category.values(), Decimal("0"))
        categories = sorted(by_category)
        contents[officer_id] = SectionContent(
            tables=[
                Table(
                    "Requirements",
                    [
                        "Requirement",
                        "Category",
                        "Minimum hours",
                        "Status",
                        "Due",
                        "Overdue since",
                        "Last completed",
                        "Hours counted",
                    ],
                    [
                        [
                            r.label,
                            category(r.category),
                            r.min_hours,
                            r.status_label,
                            day(r.due_date),
                            day(r.overdue_since),
                            day(r.last_completed_on),
                            r.hours_in_period,
                        ]
                        for r in standing.requirements
                    ],
                    formats=["text", "text", "decimal", "text", "date", "date", "date", "decimal"],
                ),
                Table(
                    "Hours by category",
                    ["Category", "Hours"],
                    [*([category(c), by_category[c]] for c in categories), ["Total", total]],
                    formats=["text", "decimal"],
                ),
            ],
            notes=[
                "Hours counted: the hours that count toward each requirement, those completed within its "
                "refresh window (any time when it has none), whether or not inside this evaluation period."
                if standing.requirements
                else "No training requirement applies to this officer.",
                "Hours by category: training completed within this evaluation period.",
            ],
            facts=[
                (
                    "Training compliance",
                    standing.worst_label if standing.requirements else "No requirements",
                ),
                ("Training hours in the period", total),
            ],
            charts=[
                Chart(
                    "training_hours",
                    "Training hours by category",
                    [category(c) for c in categories],
                    [by_category[c] for c in categories],
                    unit="hours",
                )
            ],
        )
    return contents
