"""Flags raised by the district's rules, and removal requests, in the period."""

from __future__ import annotations

from flags.contracts import flags_for_officers, removal_requests_for_officers
from packets.sections.base import BatchContext, day
from packets.snapshot import SectionContent, Table


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
                            f.metric_label,
                            f.value,
                            f.severity_label,
                            f.status_label,
                            day(f.raised_at),
                            day(f.cleared_at),
                            f.note or None,
                        ]
                        for f in raised
                    ],
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
                    private_columns=["Reason", "Decision"],
                ),
            ],
            facts=[("Flags", len(raised)), ("Removal requests", len(requests))],
        )
    return contents
