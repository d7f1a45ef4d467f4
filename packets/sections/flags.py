"""Flags raised by the district's rules, and removal requests, in the period."""

from __future__ import annotations

from decimal import Decimal

from flags.contracts import (
    FlagSummary,
    flags_for_officers,
    metric_unit,
    removal_requests_for_officers,
)
from packets.sections.base import BatchContext, day
from packets.snapshot import SectionContent, Table


def flag_value(flag: FlagSummary) -> str:
    """The figure that fired, with its unit: "62.5%", "3 complaints", "1.8 x median"."""
    unit = metric_unit(flag.metric)
    number = f"{Decimal(flag.value).normalize():f}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def flag_measure(flag: FlagSummary) -> str:
    """The measure, and for a survey rule the question it read (kept in the flag's evidence)."""
    question = (flag.evidence.get("figures") or {}).get("question")
    return f"{flag.metric_label}: “{question}”" if question else flag.metric_label


def collect(context: BatchContext) -> dict[int, SectionContent]:
    flags = flags_for_officers(officer_ids=context.officer_ids, period=context.period)
    removals = removal_requests_for_officers(officer_ids=context.officer_ids, period=context.period)
    contents = {}
    for officer_id in context.officer_ids:
        raised = flags[officer_id]
        requests = removals[officer_id]
        contents[officer_id] = SectionContent(
            tables=[
                Table(
                    "Flags",
                    ["Rule", "Measure", "Value", "Severity", "Status", "Raised", "Cleared", "Note"],
                    [
                        [
                            f.rule_name,
                            flag_measure(f),
                            flag_value(f),
                            f.severity_label,
                            f.status_label,
                            day(f.raised_at),
                            day(f.cleared_at),
                            f.note or None,
                        ]
                        for f in raised
                    ],
                    formats=["text", "text", "text", "text", "text", "date", "date", "text"],
                ),
                Table(
                    "Removal requests",
                    [
                        "School",
                        "Status",
                        "Submitted",
                        "Answer due",
                        "Decided",
                        "Reason",
                        "Decision",
                    ],
                    [
                        [
                            r.school_name,
                            r.status_label,
                            day(r.submitted_at),
                            day(r.due_date),
                            day(r.decided_at),
                            r.reason,
                            r.decision_reasons or None,
                        ]
                        for r in requests
                    ],
                    formats=["text", "text", "date", "date", "date", "text", "text"],
                    private_columns=["Reason", "Decision"],
                ),
            ],
            facts=[("Flags", len(raised)), ("Removal requests", len(requests))],
        )
    return contents
