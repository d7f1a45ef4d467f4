"""Survey results per respondent group, as the surveys app hands them over: a hidden
figure arrives as ``None`` with ``suppressed=True`` and is written as "suppressed",
never as a number, in the snapshot and so in every rendering. Each shown agree or
yes/no question carries its favourable / neutral / unfavourable split (the split
of a suppressed question is None, so it shows none)."""

from __future__ import annotations

from statistics import mean

from packets.sections.base import BatchContext
from packets.snapshot import Chart, SectionContent, Table
from surveys.contracts import (
    GroupResults,
    OfficerSurveyResults,
    QuestionKind,
    QuestionResult,
    survey_results_for_officers,
)

HIDDEN = "suppressed"
RESPONDENTS_FACT = "Survey respondents"
CHART_KEY = "survey_favourability"
# The renderers draw a stacked bar per question from these columns (packets/pdf, _sections.html).
SPLIT_COLUMNS = ("% favourable", "% neutral", "% unfavourable")
GROUP_COLUMNS = ["Question", "Answers", "Mean (1-5)", *SPLIT_COLUMNS, "District % favourable"]
GROUP_FORMATS = ["text", "integer", "decimal", "percent", "percent", "percent", "percent"]


def _shown(value: float | None, suppressed: bool) -> float | str | None:
    return HIDDEN if suppressed else value


def _split_cells(question: QuestionResult) -> list[float | str | None]:
    if question.suppressed:
        return [HIDDEN] * len(SPLIT_COLUMNS)
    split = question.split
    return list(split.percents) if split else [None] * len(SPLIT_COLUMNS)


def _group_table(group: GroupResults) -> Table:
    respondents = HIDDEN if group.suppressed else group.respondents
    return Table(
        f"{group.label}: {respondents} respondents",
        GROUP_COLUMNS,
        [
            [
                q.text_in("en"),
                _shown(q.n, q.suppressed),
                _shown(q.mean, q.suppressed),
                *_split_cells(q),
                (HIDDEN if q.district.suppressed else q.district.percent_favourable)
                if q.district
                else None,
            ]
            for q in group.questions
            if q.kind != QuestionKind.TEXT  # comments have their own table below
        ],
        formats=GROUP_FORMATS,
    )


def _comment_table(group: GroupResults) -> Table:
    """The comments shown, counted as shown: the title's number is the rows' number."""
    count = len(group.comments)
    return Table(
        f"{group.label}: {count} comment{'' if count == 1 else 's'}",
        ["Comment"],
        [[comment] for comment in group.comments],
        formats=["text"],
    )


def _favourability(group: GroupResults) -> float | None:
    """The mean of the group's shown "% favourable" figures; None when none is shown."""
    if group.suppressed:
        return None
    shown = [
        q.percent_favourable
        for q in group.questions
        if not q.suppressed and q.percent_favourable is not None
    ]
    return round(mean(shown), 1) if shown else None


def _chart_label(group: GroupResults) -> str:
    if group.suppressed:
        return f"{group.label} ({HIDDEN})"
    return group.label if group.respondents else f"{group.label} (no answers)"


def _notes(result: OfficerSurveyResults) -> list[str]:
    notes = [
        f"Figures come from released campaigns only. A school's group answering about the officer counts only "
        f"with at least {result.k} on-time respondents, and every total adds up counted groups only; comments "
        f"are shown only for groups of at least {result.comment_min}.",
        f'"{HIDDEN}" marks a figure withheld to protect anonymous respondents: too few people answered '
        f"(fewer than {result.k}) for it to be shown.",
        "Mean (1-5): the average answer on the agreement scale, 1 strongly disagree to 5 strongly agree. Favourable: "
        "agree or strongly agree (yes on a yes/no question); neutral: neither; unfavourable: disagree, "
        "strongly disagree or no.",
    ]
    withheld = [group.label for group in result.groups.values() if group.comments_withheld]
    if withheld:
        notes.append(
            f"Comments withheld (fewer than {result.comment_min} respondents): {', '.join(withheld)}."
        )
    if not result.groups:
        notes.append("No survey results were released for this period.")
    return notes


def officer_content(result: OfficerSurveyResults) -> SectionContent:
    """One officer's survey section, from results already suppressed."""
    groups = list(result.groups.values())
    tables = [_group_table(group) for group in groups]
    if result.all_groups is not None:
        tables.append(_group_table(result.all_groups))
    tables.extend(_comment_table(group) for group in groups if group.comments)
    favourability = [(_chart_label(group), _favourability(group)) for group in groups]
    total = result.all_groups
    return SectionContent(
        tables=tables,
        notes=_notes(result),
        facts=[
            (
                RESPONDENTS_FACT,
                HIDDEN if total is not None and total.suppressed else result.respondents,
            ),
        ],
        charts=[
            Chart(
                CHART_KEY,
                "Survey: mean % favourable by group",
                [label for label, _ in favourability],
                [value for _, value in favourability],
                unit="%",
                max=100,
            )
        ]
        if groups
        else [],
        meta={
            "k": result.k,
            "comment_min": result.comment_min,
            "release_ids": list(result.release_ids),
        },
    )


def collect(context: BatchContext) -> dict[int, SectionContent]:
    results = survey_results_for_officers(officer_ids=context.officer_ids, period=context.period)
    return {officer_id: officer_content(results[officer_id]) for officer_id in context.officer_ids}
