"""Activity and enrollment files read into validated rows (core/tabular.py rules).

An activity file has one row per incident (one student); its ``actions`` cell lists
what the officer did, separated by ";" (or "," or "|"), for example
"arrest; search; use of force" with the level in the force-level column. An
enrollment file has one row per school and school year, a column per group.
Every problem is collected with its row and column; any problem refuses the file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db import models

from activity.models import (
    ActionType,
    Disability,
    EnglishLearner,
    ForceLevel,
    Grade,
    OffenseCategory,
    RaceEthnicity,
    Sex,
)
from activity.models.demographics import DIMENSION_GROUPS
from core.dates import today
from core.tabular import CellError, Column, ImportRejected, Table, normalise_header, read_table
from core.tabular_cells import CellProblem, parse_code, parse_date, parse_int, parse_text

ACTIVITY_COLUMNS = [
    Column(
        "incident_number",
        ("incident number", "incident no", "incident", "report number", "case number"),
    ),
    Column("date", ("date", "incident date", "date of incident")),
    Column("badge_number", ("badge number", "badge", "officer badge", "officer badge number")),
    Column("school_code", ("school code", "school")),
    Column("offense_category", ("offense category", "offense", "offense type")),
    Column("actions", ("actions", "actions taken", "action", "outcome", "outcomes")),
    Column("race_ethnicity", ("race ethnicity", "race", "race and ethnicity")),
    Column("sex", ("sex", "gender")),
    Column("disability", ("disability", "disability status")),
    Column(
        "english_learner", ("english learner", "el", "ell", "el status", "english learner status")
    ),
    Column("grade", ("grade", "grade level")),
    Column("agency_code", ("agency code", "agency"), required=False),
    Column("force_level", ("force level", "use of force level"), required=False),
    Column(
        "ordinary_discipline",
        ("ordinary discipline", "ordinary school discipline", "school discipline matter"),
        required=False,
    ),
]

ENROLLMENT_GROUP_COLUMNS = [
    Column(f"{dimension}:{value}", (label, value.replace("_", " ")), required=False)
    for dimension, choices in DIMENSION_GROUPS.items()
    for value, label in choices.choices
]
ENROLLMENT_COLUMNS = [
    Column("school_code", ("school code", "school")),
    Column("period", ("school year", "period", "year")),
    Column("total", ("total", "enrollment", "total enrollment", "all students")),
    *ENROLLMENT_GROUP_COLUMNS,
]

ALIASES: dict[type[models.Choices], dict[str, str]] = {
    ActionType: {
        "ticket": "citation",
        "citation": "citation",
        "handcuffing": "restraint",
        "handcuffed": "restraint",
        "restraint": "restraint",
        "force": "use_of_force",
        "referral to law enforcement": "referral",
        "counselor": "counselor_referral",
        "mental health referral": "counselor_referral",
        "restorative": "restorative_conference",
        "diversion program": "diversion",
    },
    Sex: {"m": "male", "f": "female", "x": "nonbinary"},
    Disability: {
        "504": "section_504",
        "section 504": "section_504",
        "swd": "idea",
        "iep": "idea",
        "no": "none",
    },
    EnglishLearner: {
        "y": "el",
        "yes": "el",
        "true": "el",
        "1": "el",
        "n": "not_el",
        "no": "not_el",
        "false": "not_el",
        "0": "not_el",
    },
    RaceEthnicity: {
        "hispanic": "hispanic",
        "latino": "hispanic",
        "black": "black",
        "african american": "black",
        "american indian": "american_indian",
        "native american": "american_indian",
        "pacific islander": "pacific_islander",
        "two or more": "two_or_more",
        "multiracial": "two_or_more",
    },
    Grade: {
        "k": "KG",
        "kindergarten": "KG",
        "pk": "PK",
        "prek": "PK",
        "ug": "UG",
        **{str(n): f"{n:02d}" for n in range(1, 13)},
    },
    OffenseCategory: {
        "fight": "fight_assault",
        "assault": "fight_assault",
        "drugs": "drugs_alcohol",
        "alcohol": "drugs_alcohol",
        "disorderly conduct": "disorderly",
        "disruption": "disorderly",
    },
}
YES = {"y", "yes", "true", "1", "x"}
NO = {"", "n", "no", "false", "0"}


def choice_lookup(choices: type[models.Choices]) -> dict[str, Any]:
    lookup = {normalise_header(value): value for value in choices.values}
    lookup |= {normalise_header(label): value for value, label in choices.choices}
    lookup |= {normalise_header(k): v for k, v in ALIASES.get(choices, {}).items()}
    return lookup


def parse_choice(value: Any, *, choices: type[models.Choices]) -> str:
    text = parse_text(value, max_length=80)
    key = normalise_header(text)
    lookup = choice_lookup(choices)
    if key not in lookup:
        raise CellProblem(
            f"{text!r} is not one of: {', '.join(str(label) for label in choices.labels)}"
        )
    return lookup[key]


def parse_actions(value: Any) -> list[str]:
    text = parse_text(value, max_length=500)
    lookup = choice_lookup(ActionType)
    found: list[str] = []
    for part in re.split(r"[;,|]", text):
        if not part.strip():
            continue
        key = normalise_header(part)
        if key not in lookup:
            raise CellProblem(f"{part.strip()!r} is not an action ({', '.join(ActionType.labels)})")
        if lookup[key] not in found:
            found.append(lookup[key])
    if not found:
        raise CellProblem("lists no action")
    return found


def parse_yes_no(value: Any) -> bool:
    text = normalise_header(parse_text(value, required=False))
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellProblem(f"{text!r} is not yes or no")


def parse_force_level(value: Any) -> int | None:
    return parse_int(value, required=False, minimum=1, maximum=max(ForceLevel.values))


@dataclass(frozen=True)
class ActivityRow:
    row: int
    incident_number: str
    date: datetime.date
    agency_code: str
    badge_number: str
    school_code: str
    offense_category: str
    ordinary_discipline: bool
    actions: tuple[str, ...]
    force_level: int | None
    race_ethnicity: str
    sex: str
    disability: str
    english_learner: str
    grade: str


@dataclass(frozen=True)
class EnrollmentRow:
    row: int
    school_code: str
    period: str
    total: int
    groups: dict[str, int]


class _Collector:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.errors: list[CellError] = []

    def cell(self, row: int, field: str, parse, value, **kwargs):
        try:
            return parse(value, **kwargs)
        except CellProblem as problem:
            self.errors.append(CellError(row, self.table.column_name(field), str(problem)))
            return None

    def error(self, row: int, field: str, message: str) -> None:
        self.errors.append(CellError(row, self.table.column_name(field), message))


def detect_kind(data: bytes, filename: str) -> str:
    """'enrollment' when the file has a school-year and total column and no incident number."""
    try:
        read_table(data, filename=filename, columns=ACTIVITY_COLUMNS)
    except ImportRejected:
        try:
            read_table(data, filename=filename, columns=ENROLLMENT_COLUMNS)
        except ImportRejected:
            return "activity"  # let the activity reader name the missing columns
        return "enrollment"
    return "activity"


def read_activity_rows(
    data: bytes, filename: str
) -> tuple[Table, list[ActivityRow], list[CellError]]:
    """Rows and the problems found in the cells themselves (the database checks come later)."""
    table = read_table(data, filename=filename, columns=ACTIVITY_COLUMNS)
    out = _Collector(table)
    rows: list[ActivityRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        incident_number = out.cell(
            number, "incident_number", parse_code, cells.get("incident_number")
        )
        day = out.cell(number, "date", parse_date, cells.get("date"), not_after=today())
        agency = out.cell(
            number, "agency_code", parse_code, cells.get("agency_code"), required=False
        )
        badge = out.cell(number, "badge_number", parse_code, cells.get("badge_number"))
        school = out.cell(number, "school_code", parse_code, cells.get("school_code"))
        offense = out.cell(
            number,
            "offense_category",
            parse_choice,
            cells.get("offense_category"),
            choices=OffenseCategory,
        )
        ordinary = out.cell(
            number, "ordinary_discipline", parse_yes_no, cells.get("ordinary_discipline")
        )
        actions = out.cell(number, "actions", parse_actions, cells.get("actions"))
        level = out.cell(number, "force_level", parse_force_level, cells.get("force_level"))
        demographics = {
            name: out.cell(number, name, parse_choice, cells.get(name), choices=choices)
            for name, choices in (
                ("race_ethnicity", RaceEthnicity),
                ("sex", Sex),
                ("disability", Disability),
                ("english_learner", EnglishLearner),
                ("grade", Grade),
            )
        }
        if actions is not None:
            if ActionType.USE_OF_FORCE in actions and level is None:
                out.error(number, "force_level", "a use of force needs its level (1-4)")
            if ActionType.USE_OF_FORCE not in actions and level is not None:
                out.error(
                    number,
                    "force_level",
                    "a force level is given but the actions list no use of force",
                )
        if incident_number:
            key = ((agency or "").upper(), incident_number.upper())
            if key in seen:
                out.error(
                    number, "incident_number", f"{incident_number} is already on row {seen[key]}"
                )
            else:
                seen[key] = number
        rows.append(
            ActivityRow(
                row=number,
                incident_number=incident_number or "",
                date=day or today(),
                agency_code=(agency or "").upper(),
                badge_number=badge or "",
                school_code=(school or "").upper(),
                offense_category=offense or "",
                ordinary_discipline=bool(ordinary),
                actions=tuple(actions or ()),
                force_level=level,
                **{k: v or "" for k, v in demographics.items()},
            )
        )
    if not rows and not out.errors:
        out.errors.append(CellError(0, "", "The file has a header but no rows."))
    return table, rows, out.errors


def read_enrollment_rows(
    data: bytes, filename: str
) -> tuple[Table, list[EnrollmentRow], list[CellError]]:
    table = read_table(data, filename=filename, columns=ENROLLMENT_COLUMNS)
    out = _Collector(table)
    rows: list[EnrollmentRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        school = out.cell(number, "school_code", parse_code, cells.get("school_code"))
        period = out.cell(number, "period", parse_code, cells.get("period"))
        total = out.cell(number, "total", parse_int, cells.get("total"), minimum=0, maximum=100000)
        groups: dict[str, int] = {}
        for column in ENROLLMENT_GROUP_COLUMNS:
            if column.field in table.header_names:
                value = out.cell(
                    number,
                    column.field,
                    parse_int,
                    cells.get(column.field),
                    required=False,
                    minimum=0,
                    maximum=100000,
                )
                if value is not None:
                    groups[column.field] = value
        if total is not None:
            for dimension, choices in DIMENSION_GROUPS.items():
                values = [groups.get(f"{dimension}:{v}") for v in choices.values]
                given = [v for v in values if v is not None]
                if given and sum(given) > total:
                    out.error(
                        number,
                        "total",
                        f"the {dimension.replace('_', ' ')} groups add up to {sum(given)}, more than the total {total}",
                    )
                elif len(given) == len(values) and sum(given) != total:
                    out.error(
                        number,
                        "total",
                        f"the {dimension.replace('_', ' ')} groups add up to {sum(given)}, not the total {total}",
                    )
        if school and period:
            key = (school.upper(), period)
            if key in seen:
                out.error(number, "school_code", f"{school} {period} is already on row {seen[key]}")
            else:
                seen[key] = number
        rows.append(EnrollmentRow(number, (school or "").upper(), period or "", total or 0, groups))
    if not rows and not out.errors:
        out.errors.append(CellError(0, "", "The file has a header but no rows."))
    return table, rows, out.errors
