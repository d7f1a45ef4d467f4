"""The summary's headline, strengths and concerns, flags, comparisons, trends,
narrative and cautions for one officer, from figures already read (figures.py).

Every sentence states only figures the summary itself holds, formatted as it holds them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from statistics import mean

from evaluations.contracts import EvaluationSummary, PerformanceLevel
from packets.headline.figures import PeriodFigures
from packets.snapshot import Chart, Table, plain

TOP = 3
PROFICIENT = 3
# Below these counts a figure moves a lot with one case more or fewer; the reader is told.
SMALL_ARREST_COUNT = 5
SMALL_OUTCOME_COUNT = 10
SCALE = ", ".join(f"{level.value} {level.label}" for level in PerformanceLevel)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# (key, measure, the officer's figure, the district's figure, chart maximum)
MEASURES: list[
    tuple[
        str,
        str,
        Callable[[PeriodFigures], float | None],
        Callable[[PeriodFigures], float | None],
        float | None,
    ]
] = [
    (
        "rubric_score",
        "Rubric score (1-4)",
        lambda f: float(f.rating.score) if f.rating else None,
        lambda f: None,
        4,
    ),
    (
        "survey_favourable",
        "Survey: % favourable (mean over groups' questions)",
        lambda f: f.survey_favourable,
        lambda f: f.survey_district,
        100,
    ),
    (
        "requirements_met",
        "Training: % of requirements met",
        lambda f: f.requirements_met,
        lambda f: f.requirements_district,
        100,
    ),
    (
        "alternatives_share",
        "% of incidents handled with an alternative",
        lambda f: _percent(f.activity.alternatives_share) if f.activity else None,
        lambda f: _percent(f.district_medians.get("alternatives_share")),
        100,
    ),
    (
        "arrests_per_1000",
        "Arrests per 1,000 students",
        lambda f: _rounded(f.activity.arrests_per_1000) if f.activity else None,
        lambda f: _rounded(f.district_medians.get("arrests_per_1000")),
        None,
    ),
    (
        "referrals_per_1000",
        "Referrals per 1,000 students",
        lambda f: _rounded(f.activity.referrals_per_1000) if f.activity else None,
        lambda f: _rounded(f.district_medians.get("referrals_per_1000")),
        None,
    ),
]


# Short enough for a small chart's title.
TREND_TITLES = {
    "rubric_score": "Rubric score",
    "survey_favourable": "Survey % favourable",
    "requirements_met": "Training % met",
    "alternatives_share": "% alternatives",
    "arrests_per_1000": "Arrests per 1,000",
    "referrals_per_1000": "Referrals per 1,000",
}


def headline(figures: PeriodFigures) -> dict:
    rating = figures.rating
    if rating is None:
        return {
            "rating": None,
            "rating_label": None,
            "scale": SCALE,
            "basis": "No signed rubric evaluation in this period.",
        }
    basis = (
        "The weighted rubric score of the signed evaluation."
        if rating.evaluations == 1
        else f"The mean of the weighted rubric scores of {rating.evaluations} signed evaluations."
    )
    return {"rating": rating.score, "rating_label": rating.label, "scale": SCALE, "basis": basis}


def competency_levels(evaluations: list[EvaluationSummary]) -> list[tuple[str, float, str, bool]]:
    """(competency, level, label, critical) in rubric order; a competency rated at
    several schools gets the mean of its levels, labelled by the nearest level."""
    levels: dict[str, list[int]] = defaultdict(list)
    critical: dict[str, bool] = {}
    for evaluation in evaluations:
        for competency in evaluation.competencies:
            critical[competency.name] = critical.get(competency.name, False) or competency.critical
            if competency.level is not None:
                levels[competency.name].append(competency.level)
    found = []
    for name in critical:
        if levels[name]:
            level = round(mean(levels[name]), 2)
            nearest = int(level + 0.5)  # half up, as the rubric rounds its overall score
            found.append((name, level, PerformanceLevel(nearest).label, critical[name]))
    return found


def strengths_and_concerns(evaluations: list[EvaluationSummary]) -> tuple[list, list]:
    """The three strongest competencies rated Proficient or above, and the three weakest
    below it (a critical one first at equal level); a level is never called a strength
    and a concern at once."""
    rated = competency_levels(evaluations)
    order = {name: i for i, (name, *_) in enumerate(rated)}
    strong = sorted((r for r in rated if r[1] >= PROFICIENT), key=lambda r: (-r[1], order[r[0]]))
    weak = sorted(
        (r for r in rated if r[1] < PROFICIENT), key=lambda r: (r[1], not r[3], order[r[0]])
    )
    return (
        [[name, level, label] for name, level, label, _ in strong[:TOP]],
        [[name, level, label] for name, level, label, _ in weak[:TOP]],
    )


def comparisons(current: PeriodFigures, prior: PeriodFigures | None) -> Table:
    columns = ["Measure", "Officer", "District"]
    title = "Beside the district (activity: its median officer)"
    if prior is not None:
        columns.append("Prior period")
        title += f" and the officer's prior period ({prior.period_name})"
    rows = []
    for _, measure, officer, district, _ in MEASURES:
        row = [measure, officer(current), district(current)]
        if prior is not None:
            row.append(officer(prior))
        rows.append(row)
    return Table(title, columns, rows, formats=["text"] + ["decimal"] * (len(columns) - 1))


def trends(periods: list[PeriodFigures]) -> list[Chart]:
    """Each headline figure over the officer's periods, oldest first, where more than
    one period has it."""
    charts = []
    for key, _, officer, _, top in MEASURES:
        values: list[Decimal | float | None] = [officer(f) for f in periods]
        shown = [float(v) for v in values if v is not None]
        if len(shown) > 1:
            # A rate has no natural top: the bars are drawn against the largest period.
            top = top or max(max(shown), 1)
            charts.append(
                Chart(
                    f"trend_{key}",
                    TREND_TITLES[key],
                    [f.period_name for f in periods],
                    values,
                    max=top,
                )
            )
    return charts


def _figure(value: float | None) -> str:
    """A figure written as the summary holds it: two decimals at most, as plain() keeps."""
    return f"{plain(value):,.2f}".rstrip("0").rstrip(".") if value is not None else "none"


def _count(number: int, noun: str) -> str:
    """ "1 arrest", "2 arrests"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _since(officer: float, earlier: float | None, prior: PeriodFigures | None) -> str:
    """How a figure moved since the prior period, or "" without one."""
    if prior is None or earlier is None:
        return ""
    if officer == earlier:
        return f"; as in {prior.period_name}"
    change = "up from" if officer > earlier else "down from"
    return f"; {change} {_figure(earlier)} in {prior.period_name}"


def _comparison(row: list, prior: PeriodFigures | None) -> str:
    measure, officer, district = row[0], row[1], row[2]
    sentence = f"{measure}: {_figure(officer)}"
    if district is not None:
        side = "above" if officer > district else "below" if officer < district else "level with"
        sentence += f", {side} the district's {_figure(district)}"
    return sentence + _since(officer, row[3] if prior else None, prior) + "."


def narrative(prior: PeriodFigures | None, summary: dict) -> list[str]:
    sentences = []
    head = summary["headline"]
    # The rubric score is the headline's sentence; the other comparisons get one each.
    rubric, *rows = summary["comparisons"]["rows"]
    if head["rating"] is not None:
        sentences.append(
            f"Rubric score {head['rating']:.2f} of 4 ({head['rating_label']})"
            + _since(head["rating"], rubric[3] if prior else None, prior)
            + f". {head['basis']}"
        )
    if summary["strengths"]:
        named = "; ".join(f"{n} ({label})" for n, _, label in summary["strengths"])
        sentences.append(f"Strongest: {named}.")
    if summary["concerns"]:
        named = "; ".join(f"{n} ({label})" for n, _, label in summary["concerns"])
        sentences.append(f"Weakest: {named}.")
    sentences.extend(_comparison(row, prior) for row in rows if row[1] is not None)
    raised = summary["flags"]
    if raised:
        open_flags = sum(1 for _, _, status in raised if status == "Open")
        sentences.append(f"Flags raised in the period: {len(raised)}, {open_flags} still open.")
    return sentences


def cautions(current: PeriodFigures) -> list[str]:
    found: list[str] = []
    metrics = current.activity
    if metrics is None:
        return found
    for rate in metrics.relative_rates.values():
        if rate.relative_rate is not None and 0 < rate.arrests < SMALL_ARREST_COUNT:
            found.append(
                f"The relative arrest rate of {_figure(rate.relative_rate)} for {rate.label} rests on "
                f"{_count(rate.arrests, 'arrest')}: one arrest more or fewer would change it greatly."
            )
    if (
        metrics.alternatives_share is not None
        and metrics.incidents_with_outcome < SMALL_OUTCOME_COUNT
    ):
        found.append(
            f"The share handled with an alternative rests on "
            f"{_count(metrics.incidents_with_outcome, 'incident')} with an outcome."
        )
    return found


def summary_additions(
    current: PeriodFigures, earlier: list[PeriodFigures], flags: list[list[str]]
) -> dict:
    """The summary's keys beyond facts and charts; ``earlier`` is oldest first and
    ``flags`` holds [rule, severity, status] rows."""
    prior = next((f for f in reversed(earlier) if _has_data(f)), None)
    strengths, concerns = strengths_and_concerns(current.evaluations)
    found = {
        "headline": plain(headline(current)),
        "strengths": plain(strengths),
        "concerns": plain(concerns),
        "flags": flags,
        "comparisons": comparisons(current, prior).as_json(),
        "trends": [
            chart.as_json() for chart in trends([*[f for f in earlier if _has_data(f)], current])
        ],
    }
    found["narrative"] = narrative(prior, found)
    found["cautions"] = cautions(current)
    return found


def _has_data(figures: PeriodFigures) -> bool:
    """Whether the period holds evidence about the officer: a signed evaluation, survey
    answers or incidents (training standing and rates of zero exist for anyone)."""
    return (
        figures.rating is not None
        or figures.survey_favourable is not None
        or (figures.activity is not None and figures.activity.incidents > 0)
    )
