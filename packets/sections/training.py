"""Training: standing against each requirement, and hours by category in the period."""

from __future__ import annotations

from decimal import Decimal

from core.dates import today
from packets.sections.base import BatchContext, day, label_of
from packets.snapshot import Chart, SectionContent, Table
from training_records.contracts import (
    category_labels,
    compliance_for_officers,
    training_hours_by_category,
)


def collect(context: BatchContext) -> dict[int, SectionContent]:
    period = context.period
    # Judged today while the period runs, at its end afterwards. The snapshot holds
    # statuses and dates, not "days overdue", so it changes only when a standing does.
    on = min(today(), period.end_date)
    compliance = compliance_for_officers(officer_ids=context.officer_ids, on=on)
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
