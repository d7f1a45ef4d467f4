"""Roster files (schools, officers) read into validated rows.

Shaped like ``shared/data/roster_schools.csv`` and ``roster_officers.csv``; which of
the two a file is follows from its header.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.tabular import (
    CellError,
    CellProblem,
    Column,
    ImportRejected,
    Table,
    normalise_header,
    parse_code,
    parse_int,
    parse_text,
    read_table,
)
from roster.models import SchoolLevel

SCHOOL_COLUMNS = [
    Column("school_code", ("school code", "code", "school id", "school number")),
    Column("name", ("name", "school name", "school")),
    Column("level", ("level", "school level", "grade band", "type"), required=False),
    Column("enrollment", ("enrollment", "students", "enrolment"), required=False),
]
OFFICER_COLUMNS = [
    Column("agency_code", ("agency code", "agency", "department")),
    Column("badge_number", ("badge number", "badge", "badge no", "employee id")),
    Column("first_name", ("first name", "first", "given name")),
    Column("last_name", ("last name", "last", "surname", "family name")),
    Column("school_code", ("school code", "school", "assigned school"), required=False),
    Column("email", ("email", "e mail", "email address"), required=False),
    Column("agency_name", ("agency name",), required=False),
]

_LEVELS = {normalise_header(value): value for value in SchoolLevel.values} | {
    normalise_header(label): value for value, label in SchoolLevel.choices
}


@dataclass(frozen=True)
class SchoolRow:
    row: int
    code: str
    name: str
    level: str
    enrollment: int | None


@dataclass(frozen=True)
class OfficerRow:
    row: int
    agency_code: str
    agency_name: str
    badge_number: str
    first_name: str
    last_name: str
    school_code: str
    email: str


def detect_kind(data: bytes, filename: str) -> str:
    """'officers' when the file has a badge column, else 'schools'."""
    try:
        read_table(data, filename=filename, columns=OFFICER_COLUMNS)
    except ImportRejected:
        return "schools"
    return "officers"


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


def read_school_rows(data: bytes, filename: str) -> list[SchoolRow]:
    table = read_table(data, filename=filename, columns=SCHOOL_COLUMNS)
    out = _Collector(table)
    rows: list[SchoolRow] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        code = out.cell(number, "school_code", parse_code, cells.get("school_code"))
        name = out.cell(number, "name", parse_text, cells.get("name"))
        level_text = out.cell(number, "level", parse_text, cells.get("level"), required=False) or ""
        level = _LEVELS.get(normalise_header(level_text), None) if level_text else SchoolLevel.OTHER
        if level is None:
            out.errors.append(
                CellError(
                    number,
                    table.column_name("level"),
                    f"{level_text!r} is not a school level ({', '.join(SchoolLevel.values)})",
                )
            )
        enrollment = out.cell(
            number,
            "enrollment",
            parse_int,
            cells.get("enrollment"),
            required=False,
            minimum=0,
            maximum=100000,
        )
        if code and code.upper() in seen:
            out.errors.append(
                CellError(
                    number,
                    table.column_name("school_code"),
                    f"{code} is already on row {seen[code.upper()]}",
                )
            )
        elif code:
            seen[code.upper()] = number
        rows.append(SchoolRow(number, code or "", name or "", level or "", enrollment))
    if out.errors:
        raise ImportRejected(out.errors)
    return rows


def read_officer_rows(data: bytes, filename: str) -> list[OfficerRow]:
    table = read_table(data, filename=filename, columns=OFFICER_COLUMNS)
    out = _Collector(table)
    rows: list[OfficerRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        agency = out.cell(number, "agency_code", parse_code, cells.get("agency_code"))
        badge = out.cell(number, "badge_number", parse_code, cells.get("badge_number"))
        first = out.cell(number, "first_name", parse_text, cells.get("first_name"), max_length=100)
        last = out.cell(number, "last_name", parse_text, cells.get("last_name"), max_length=100)
        school = out.cell(
            number, "school_code", parse_code, cells.get("school_code"), required=False
        )
        email = out.cell(number, "email", parse_text, cells.get("email"), required=False)
        agency_name = out.cell(
            number, "agency_name", parse_text, cells.get("agency_name"), required=False
        )
        if agency and badge:
            key = (agency.upper(), badge.upper())
            if key in seen:
                out.errors.append(
                    CellError(
                        number,
                        table.column_name("badge_number"),
                        f"badge {badge} of {agency} is already on row {seen[key]}",
                    )
                )
            else:
                seen[key] = number
        rows.append(
            OfficerRow(
                number,
                (agency or "").upper(),
                agency_name or "",
                badge or "",
                first or "",
                last or "",
                (school or "").upper(),
                email or "",
            )
        )
    if out.errors:
        raise ImportRejected(out.errors)
    return rows
