"""The headline figures of one officer in one period, read from what the packet's
sections already hold for the batch, so the summary costs no query of its own for the
packet's period and the same section code for a prior one."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean

from activity.contracts import OfficerActivityMetrics
from evaluations.contracts import EvaluationSummary, PerformanceLevel
from packets.sections import surveys as surveys_section

# The batch reads the evaluations and activity sections share through BatchContext.once.
from packets.sections.activity import _activity as batch_activity
from packets.sections.base import BatchContext
from packets.sections.evaluations import _summaries as batch_evaluation_summaries
from packets.sections.training import batch_compliance, percent_met
from packets.snapshot import SectionContent, Table

ALL_GROUPS_TABLE = "All groups:"  # how the survey table over every group is titled
FAVOURABLE = "% favourable"
DISTRICT_FAVOURABLE = "District % favourable"
FLAGS_TABLE = "Flags"


@dataclass(frozen=True)
class Rating:
    """The rubric's own overall rating: its weighted score, level and level label."""

    score: Decimal
    level: int
    label: str
    evaluations: int


@dataclass
class PeriodFigures:
    period_name: str
    rating: Rating | None = None
    evaluations: list[EvaluationSummary] = field(default_factory=list)
    survey_favourable: float | None = None
    survey_district: float | None = None
    requirements_met: float | None = None
    # The mean of the district's officers' shares (those with requirements).
    requirements_district: float | None = None
    activity: OfficerActivityMetrics | None = None
    district_medians: dict = field(default_factory=dict)


def overall_rating(evaluations: list[EvaluationSummary]) -> Rating | None:
    """The evaluation's own overall score and level; over several schools' evaluations
    the mean of their scores, leveled by the rubric's rule (rounded half up, no higher
    than Developing when any of them rated a critical competency Unsatisfactory)."""
    scored = [
        (e.overall_score, e.overall_level, e)
        for e in evaluations
        if e.overall_score is not None and e.overall_level is not None
    ]
    if not scored:
        return None
    if len(scored) == 1:
        score, level, only = scored[0]
        return Rating(score, level, only.overall_label, 1)
    total = sum((score for score, _, _ in scored), Decimal(0))
    score = (total / len(scored)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    level = int(score.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if any(e.critical_unsatisfactory for _, _, e in scored):
        level = min(level, PerformanceLevel.DEVELOPING)
    return Rating(score, level, PerformanceLevel(level).label, len(scored))


def _shown_numbers(tables: list[Table], column: str) -> list[float]:
    """A column's shown numbers ("suppressed" and blanks are not figures)."""
    found: list[float] = []
    for table in tables:
        index = table.columns.index(column)
        found.extend(
            float(row[index]) for row in table.rows if isinstance(row[index], int | float | Decimal)
        )
    return found


def _survey_figures(content: SectionContent) -> tuple[float | None, float | None]:
    """The mean "% favourable" over every respondent group's questions, the officer's
    and the district's. The group tables carry the district's figure beside each
    question; the table over all groups does not."""
    groups = [
        t
        for t in content.tables
        if DISTRICT_FAVOURABLE in t.columns and not t.title.startswith(ALL_GROUPS_TABLE)
    ]
    officer, district = (_shown_numbers(groups, c) for c in (FAVOURABLE, DISTRICT_FAVOURABLE))
    return (
        round(mean(officer), 1) if officer else None,
        round(mean(district), 1) if district else None,
    )


def _district_requirements_met(context: BatchContext) -> float | None:
    compliance = batch_compliance(context)
    shares = [
        share
        for pk in compliance.district_officer_ids
        if (share := percent_met(compliance.standings[pk])) is not None
    ]
    return round(mean(shares), 1) if shares else None


def period_figures(
    context: BatchContext,
    *,
    surveys: dict[int, SectionContent],
) -> dict[int, PeriodFigures]:
    """Each officer's figures for ``context.period``; ``surveys`` is what that section
    collected for the same batch and period."""
    evaluations = batch_evaluation_summaries(context)
    district, metrics = batch_activity(context)
    standings = batch_compliance(context).standings
    requirements_district = _district_requirements_met(context)
    found = {}
    for officer_id in context.officer_ids:
        favourable, district_favourable = _survey_figures(surveys[officer_id])
        mine = list(evaluations[officer_id])
        found[officer_id] = PeriodFigures(
            period_name=context.period.name,
            rating=overall_rating(mine),
            evaluations=mine,
            survey_favourable=favourable,
            survey_district=district_favourable,
            requirements_met=percent_met(standings[officer_id]),
            requirements_district=requirements_district,
            activity=metrics[officer_id],
            district_medians=district["median"],
        )
    return found


def prior_figures(context: BatchContext) -> dict[int, PeriodFigures]:
    """The figures of an earlier period, computed by the same sections' code."""
    return period_figures(context, surveys=surveys_section.collect(context))


def flag_rows(content: SectionContent) -> list[list]:
    """[rule, severity, status] of each flag the flags section listed."""
    table = next(t for t in content.tables if t.title == FLAGS_TABLE)
    rule, severity, status = (table.columns.index(c) for c in ("Rule", "Severity", "Status"))
    return [[row[rule], row[severity], row[status]] for row in table.rows]
