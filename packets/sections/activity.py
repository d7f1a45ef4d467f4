"""Enforcement beside the district's officers, and complaints by outcome; one call
of each activity contract per batch, shared by the two sections."""

from __future__ import annotations

from activity.contracts import (
    DistrictActivityFigures,
    OfficerActivityMetrics,
    activity_metrics_for_officers,
    district_activity_figures,
)
from packets.sections.base import BatchContext, day, label_of
from packets.snapshot import Chart, SectionContent, Table

# A relative rate on fewer arrests than this moves a long way with one arrest more or less.
SMALL_COUNT = 5
PEER_ROWS = [
    ("incidents", "Incidents"),
    ("arrests", "Arrests"),
    ("arrests_per_1000", "Arrests per 1,000 students"),
    ("referrals_per_1000", "Referrals per 1,000 students"),
    ("alternatives_share", "% handled with an alternative"),
    ("use_of_force_count", "Uses of force"),
    ("ordinary_discipline_count", "Ordinary school discipline matters"),
    ("complaints_sustained", "Sustained complaints"),
]


def _peers(district: DistrictActivityFigures) -> dict:
    names = [name for name, _ in PEER_ROWS]
    return {
        "officer_count": district.officer_count,
        "p25": {name: district.percentiles[name][25] for name in names},
        "median": {name: district.medians[name] for name in names},
        "p75": {name: district.percentiles[name][75] for name in names},
    }


def _activity(context: BatchContext) -> tuple[dict, dict[int, OfficerActivityMetrics]]:
    """The district's peer figures and each officer's metrics, read once per batch.

    The district's figures already hold the metrics of every officer who served in
    the district (every officer of a batch); only an officer outside them costs the
    second contract call.
    """

    def read() -> tuple[dict, dict[int, OfficerActivityMetrics]]:
        district = district_activity_figures(
            district=context.period.district, period=context.period
        )
        metrics = {
            pk: district.per_officer[pk] for pk in context.officer_ids if pk in district.per_officer
        }
        missing = [pk for pk in context.officer_ids if pk not in metrics]
        if missing:
            metrics.update(
                activity_metrics_for_officers(officer_ids=missing, period=context.period)
            )
        return _peers(district), metrics

    return context.once("activity", read)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def collect(context: BatchContext) -> dict[int, SectionContent]:
    district, metrics = _activity(context)
    contents = {}
    for officer_id in context.officer_ids:
        m = metrics[officer_id]
        peers = []
        for name, label in PEER_ROWS:
            scale = _percent if name == "alternatives_share" else (lambda v: v)
            peers.append(
                [
                    label,
                    scale(getattr(m, name)),
                    scale(district["p25"][name]),
                    scale(district["median"][name]),
                    scale(district["p75"][name]),
                ]
            )
        enforcement = m.incidents_with_outcome - m.handled_with_alternative
        contents[officer_id] = SectionContent(
            tables=[
                Table(
                    "Actions by type",
                    ["Action", "Count"],
                    [[label_of(t), n] for t, n in m.counts_by_type.items()],
                    formats=["text", "integer"],
                ),
                Table(
                    f"Beside the district's {district['officer_count']} officers",
                    [
                        "Measure",
                        "This officer",
                        "District 25th percentile",
                        "District median",
                        "District 75th percentile",
                    ],
                    peers,
                    formats=["text", "decimal", "decimal", "decimal", "decimal"],
                ),
                Table(
                    "Arrests relative to enrollment, by student group",
                    [
                        "Group",
                        "Dimension",
                        "Arrests",
                        "Referrals",
                        "% of arrests",
                        "% of enrollment",
                        "Relative rate",
                    ],
                    [
                        [
                            r.label,
                            label_of(r.dimension),
                            r.arrests,
                            r.referrals,
                            _percent(r.share_of_arrests),
                            _percent(r.share_of_enrollment),
                            r.relative_rate,
                        ]
                        for r in m.relative_rates.values()
                    ],
                    formats=[
                        "text",
                        "text",
                        "integer",
                        "integer",
                        "percent",
                        "percent",
                        "decimal",
                    ],
                ),
            ],
            notes=[
                *_small_count_caution(m),
                f"Highest use-of-force level: {m.highest_force_level if m.highest_force_level is not None else 'none'}.",
                "Percentages are of incidents with an outcome; rates use the enrollment of the schools served.",
            ],
            facts=[
                ("Incidents", m.incidents),
                (
                    "Handled with an alternative",
                    f"{_percent(m.alternatives_share)}%"
                    if m.alternatives_share is not None
                    else None,
                ),
                (
                    "Arrests per 1,000 students (district median)",
                    f"{_round(m.arrests_per_1000)} ({_round(district['median']['arrests_per_1000'])})",
                ),
            ],
            charts=[
                Chart(
                    "enforcement_alternatives",
                    "Formal action vs alternatives (incidents)",
                    ["Alternative only", "Formal action (arrest, citation, summons or referral)"],
                    [m.handled_with_alternative, enforcement],
                    unit="incidents",
                )
            ],
        )
    return contents


def _small_count_caution(metrics: OfficerActivityMetrics) -> list[str]:
    few = [
        f"{r.label} ({r.arrests} arrest{'' if r.arrests == 1 else 's'})"
        for r in metrics.relative_rates.values()
        if r.relative_rate is not None and r.arrests < SMALL_COUNT
    ]
    if not few:
        return []
    return [
        f"Caution: the relative rates of {', '.join(few)} rest on fewer than {SMALL_COUNT} arrests; "
        "one arrest more or less changes them a great deal, so read them as a prompt to look, not a finding."
    ]


def _round(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def collect_complaints(context: BatchContext) -> dict[int, SectionContent]:
    _, metrics = _activity(context)
    contents = {}
    for officer_id in context.officer_ids:
        m = metrics[officer_id]
        contents[officer_id] = SectionContent(
            tables=[
                Table(
                    "Complaints by outcome",
                    ["Outcome", "Complaints"],
                    [[label_of(o), n] for o, n in m.complaints_by_outcome.items()],
                    formats=["text", "integer"],
                ),
                Table(
                    "Sustained complaints",
                    ["Received", "Closed", "Allegations"],
                    [
                        [day(c.received_date), day(c.closed_on), ", ".join(c.allegations)]
                        for c in m.sustained_complaints
                    ],
                    formats=["date", "date", "text"],
                ),
            ],
            facts=[("Complaints (sustained)", f"{m.complaints_total} ({m.complaints_sustained})")],
        )
    return contents
