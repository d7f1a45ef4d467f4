"""Mail-merge CSV and results XLSX (the code slips are ``code_slips``).

The CSV is made once, from codes in clear text that exist only in
memory while the request that issued them runs (the database keeps hashes).
The XLSX is fed by the same selector as every page, so it can show nothing the
pages hide.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from core.spreadsheets import SUPPRESSED, About, Sheet, csv_bytes, xlsx_bytes
from surveys.models import RespondentGroup
from surveys.selectors.results import GroupResults, OfficerSurveyResults, SchoolSurveyResults


def codes_csv(
    *, codes: Iterable[str], campaign_name: str, school_name: str, group: str, survey_url: str
) -> bytes:
    """One row per code, for a family mail merge."""
    label = RespondentGroup(group).label
    return csv_bytes(
        ["code", "campaign", "school", "group", "survey_url", "instructions_en", "instructions_es"],
        (
            [
                code,
                campaign_name,
                school_name,
                label,
                survey_url,
                f"Go to {survey_url} and enter the code {code}. It works once; your answers are anonymous.",
                f"Vaya a {survey_url} y escriba el código {code}. Funciona una vez; sus respuestas son anónimas.",
            ]
            for code in codes
        ),
    )


# Read with RESULT_HEADER: what each column holds (core/spreadsheets.py COLUMN_FORMATS).
RESULT_FORMATS = [
    "text",
    "text",
    "integer",
    "text",
    "text",
    "integer",
    "decimal",
    "percent",
    "text",
    "integer",
    "decimal",
    "percent",
]
RESULT_HEADER = [
    "subject",
    "group",
    "respondents",
    "question code",
    "question",
    "n",
    "mean (1-5)",
    "% favourable",
    "distribution",
    "district n",
    "district mean",
    "district % favourable",
]


def _shown(value, suppressed: bool):
    return SUPPRESSED if suppressed else value


def _distribution(distribution: dict[str, int] | None) -> str | None:
    if distribution is None:
        return None
    return ", ".join(f"{key}: {count}" for key, count in distribution.items())


def _group_rows(subject: str, group: GroupResults) -> Iterator[list]:
    respondents = _shown(group.respondents, group.suppressed)
    for q in group.questions:
        district = q.district
        yield [
            subject,
            group.label,
            respondents,
            q.code,
            q.text_in("en"),
            _shown(q.n, q.suppressed),
            _shown(q.mean, q.suppressed),
            _shown(q.percent_favourable, q.suppressed),
            _shown(_distribution(q.distribution), q.suppressed),
            _shown(district.n, district.suppressed) if district else None,
            _shown(district.mean, district.suppressed) if district else None,
            _shown(district.percent_favourable, district.suppressed) if district else None,
        ]


def _officer_rows(officers: list[tuple[str, OfficerSurveyResults]]) -> Iterator[list]:
    for name, result in officers:
        for group in result.groups.values():
            yield from _group_rows(name, group)
        if result.all_groups:
            yield from _group_rows(name, result.all_groups)


def _school_rows(schools: list[tuple[str, SchoolSurveyResults]]) -> Iterator[list]:
    for name, result in schools:
        for group in result.groups.values():
            yield from _group_rows(name, group)


def _comment_rows(officers: list[tuple[str, OfficerSurveyResults]]) -> Iterator[list]:
    for name, result in officers:
        for group in result.groups.values():
            for comment in group.comments:
                yield [name, group.label, comment]


def results_xlsx(
    *,
    officers: list[tuple[str, OfficerSurveyResults]],
    schools: list[tuple[str, SchoolSurveyResults]],
    k: int,
    comment_min: int,
    district: str = "",
) -> bytes:
    rules = [
        ("k: fewest respondents, and answers, for a figure", k),
        ("Fewest respondents in a group for its comments", comment_min),
        (
            "Counting rule",
            "Figures come from released campaigns only. A school's group answering about an "
            "officer counts only with at least k respondents using on-time codes, and a question "
            "only with k answers; every total adds up counted groups and nothing else. Hidden "
            "and empty read alike.",
        ),
    ]
    sheets = [Sheet("Officers", RESULT_HEADER, _officer_rows(officers), RESULT_FORMATS)]
    if schools:
        sheets.append(Sheet("Schools", RESULT_HEADER, _school_rows(schools), RESULT_FORMATS))
    sheets.append(Sheet("Comments", ["officer", "group", "comment"], _comment_rows(officers)))
    about = About(
        "Survey results (360 feedback), aggregates of released campaigns",
        district=district,
        facts=rules,
        legend=[("mean (1-5)", "The mean answer on the 1 to 5 scale.")],
    )
    return xlsx_bytes(sheets, about=about)
