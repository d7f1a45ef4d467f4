"""Rubric evaluations (levels, evidence, overall, signatures, the officer's response)
and the commendations written in them; one ``evaluation_summaries`` call per batch."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from evaluations.contracts import (
    SIGNED_STATUSES,
    EvaluationSummary,
    evaluation_summaries,
)
from packets.sections.base import BatchContext, day
from packets.snapshot import Chart, SectionContent, Table

MAX_LEVEL = 4


def _summaries(context: BatchContext) -> dict[int, list[EvaluationSummary]]:
    # Drafts and returned evaluations are the principal's work in progress, not evidence.
    return context.once(
        "evaluation_summaries",
        lambda: evaluation_summaries(
            officer_ids=context.officer_ids, period=context.period, statuses=SIGNED_STATUSES
        ),
    )


def _agreement(value: bool | None) -> str:
    return {True: "Agrees", False: "Disagrees", None: "Not stated"}[value]


def _evaluation_tables(summary: EvaluationSummary) -> list[Table]:
    heading = f"{summary.school_name}: {summary.rubric_name} (v{summary.rubric_version}) by {summary.evaluator_name}"
    return [
        Table(
            heading,
            ["Competency", "Critical", "Level", "Level label", "Evidence"],
            [
                [c.name, "yes" if c.critical else "no", c.level, c.level_label, c.evidence]
                for c in summary.competencies
            ],
            formats=["text", "text", "integer", "text", "text"],
        ),
        Table(
            f"{summary.school_name}: overall, signatures and response",
            ["Item", "Value"],
            [
                ["Status", summary.status_label],
                [
                    "Overall level",
                    f"{summary.overall_level} ({summary.overall_label})"
                    if summary.overall_level
                    else summary.overall_label or None,
                ],
                ["Overall score", summary.overall_score],
                [
                    "Submitted",
                    f"{day(summary.submitted_at)} by {summary.submitted_by_name}"
                    if summary.submitted_at
                    else None,
                ],
                [
                    "Reviewed",
                    f"{day(summary.reviewed_at)} by {summary.reviewed_by_name}"
                    if summary.reviewed_at
                    else None,
                ],
                ["Acknowledged by the officer", day(summary.acknowledged_at)],
                [
                    "Officer's position",
                    _agreement(summary.officer_agrees) if summary.acknowledged_at else None,
                ],
                ["Officer's response", summary.officer_response or None],
            ],
            formats=["text", "text"],
        ),
    ]


def _competency_chart(summaries: list[EvaluationSummary]) -> Chart:
    levels: dict[str, list[int]] = defaultdict(list)
    order: list[str] = []
    for summary in summaries:
        for competency in summary.competencies:
            if competency.name not in levels:
                order.append(competency.name)
            if competency.level is not None:
                levels[competency.name].append(competency.level)
    return Chart(
        "competency_levels",
        "Competency levels (1-4)",
        order,
        [round(mean(levels[name]), 2) if levels[name] else None for name in order],
        unit="level",
        max=MAX_LEVEL,
    )


def collect(context: BatchContext) -> dict[int, SectionContent]:
    summaries = _summaries(context)
    contents = {}
    for officer_id in context.officer_ids:
        mine = summaries[officer_id]
        # The rubric's weighted score, the figure the summary's headline rates (a level
        # rounded from it said 2 where the score was 2.62).
        scores = [float(s.overall_score) for s in mine if s.overall_score is not None]
        contents[officer_id] = SectionContent(
            tables=[table for summary in mine for table in _evaluation_tables(summary)],
            notes=[] if mine else ["No submitted rubric evaluation in this period."],
            facts=[
                ("Rubric evaluations", len(mine)),
                (
                    "Rubric score (weighted; 1 Unsatisfactory to 4 Exemplary)",
                    round(mean(scores), 2) if scores else None,
                ),
            ],
            charts=[_competency_chart(mine)] if mine else [],
        )
    return contents


def collect_commendations(context: BatchContext) -> dict[int, SectionContent]:
    summaries = _summaries(context)
    contents = {}
    for officer_id in context.officer_ids:
        rows = [
            [s.school_name, s.evaluator_name, day(s.submitted_at), s.commendations]
            for s in summaries[officer_id]
            if s.commendations.strip()
        ]
        contents[officer_id] = SectionContent(
            tables=[
                Table(
                    "Commendations in rubric evaluations",
                    ["School", "From", "Date", "Commendation"],
                    rows,
                    formats=["text", "text", "date", "text"],
                )
            ],
            facts=[("Commendations", len(rows))],
        )
    return contents
