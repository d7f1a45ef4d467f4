"""Roster files (schools, officers) read into validated rows.

Shaped like ``shared/data/roster_schools.csv`` and ``roster_officers.csv``, and like
what agencies' records systems export: title rows above the header, "Badge #",
one "Name" column written "Last, First" or "First Last", values in capitals,
dates as Excel datetimes. Which of the two kinds a file is follows from its header;
a district's saved column names (field -> header as written) win over the
built-in ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from core.tabular import (
    CellError,
    Column,
    HeaderMissing,
    HeaderNotFound,
    ImportRejected,
    Table,
    normalise_header,
    read_table,
)
from core.tabular_cells import (
    CellProblem,
    parse_code,
    parse_date,
    parse_int,
    parse_text,
    split_person_name,
)
from roster.models import RosterKind, SchoolLevel

SCHOOL_COLUMNS = [
    Column("school_code", ("school code", "code", "school id", "school number")),
    Column("name", ("name", "school name", "school")),
    Column("level", ("level", "school level", "grade band", "type"), required=False),
    Column("enrollment", ("enrollment", "students", "enrolment"), required=False),
]
OFFICER_COLUMNS = [
    # Optional: an agency's own export often has none; the agency is then given on upload.
    Column(
        "agency_code",
        ("agency code", "agency", "agency id", "department code", "ori"),
        required=False,
    ),
    Column(
        "badge_number",
        ("badge number", "badge", "badge no", "employee id", "employee number", "serial number"),
    ),
    Column("first_name", ("first name", "first", "given name"), required=False),
    Column("last_name", ("last name", "last", "surname", "family name"), required=False),
    Column(
        "full_name",
        ("name", "full name", "officer name", "officer", "employee name", "employee"),
        required=False,
    ),
    Column(
        "school_code",
        ("school code", "school", "assigned school", "assignment", "school id"),
        required=False,
    ),
    Column(
        "start_date",
        ("start date", "assigned on", "assignment start", "assignment date", "date assigned"),
        required=False,
    ),
    Column("email", ("email", "e mail", "email address"), required=False),
    Column(
        "agency_name",
        ("agency name", "department", "department name", "agency title"),
        required=False,
    ),
]
COLUMNS = {RosterKind.SCHOOLS: SCHOOL_COLUMNS, RosterKind.OFFICERS: OFFICER_COLUMNS}
FIELD_LABELS = {
    "school_code": "School code",
    "name": "School name",
    "level": "Level",
    "enrollment": "Enrollment",
    "agency_code": "Agency code",
    "badge_number": "Badge number",
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (instead of first and last)",
    "start_date": "Assignment start date",
    "email": "Email",
    "agency_name": "Agency name",
}
# Officers' school column: its own label (the schools file's "name" is the school's).
OFFICER_FIELD_LABELS = FIELD_LABELS | {"school_code": "School (code or name)"}

_LEVELS = {normalise_header(value): value for value in SchoolLevel.values} | {
    normalise_header(label): value for value, label in SchoolLevel.choices
}
Mappings = dict[str, dict[str, str]]


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
    start_date: datetime.date | None = None


def detect_kind(data: bytes, filename: str, mappings: Mappings | None = None) -> str:
    """'officers' when the file has a badge column, 'schools' when it has a
    school code and name. Neither: the refusal of the kind the file looks most like,
    naming the headers it has."""
    mappings = mappings or {}
    try:
        read_table(
            data,
            filename=filename,
            columns=OFFICER_COLUMNS,
            mapping=mappings.get(RosterKind.OFFICERS),
        )
    except HeaderMissing as officers_missing:
        try:
            read_table(
                data,
                filename=filename,
                columns=SCHOOL_COLUMNS,
                mapping=mappings.get(RosterKind.SCHOOLS),
            )
        except HeaderMissing as schools_missing:
            badge_headers = {normalise_header(h) for h in OFFICER_COLUMNS[1].headers}
            found = {normalise_header(h) for h in officers_missing.found_headers}
            raise (officers_missing if found & badge_headers else schools_missing) from None
        return RosterKind.SCHOOLS
    return RosterKind.OFFICERS


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


def tidy_name(text: str) -> str:
    """'LEE' -> 'Lee', "O'BRIEN-SMITH" -> "O'Brien-Smith"; mixed case is kept as written."""
    return text.title() if text.isupper() and len(text) > 1 else text


def read_school_rows(
    data: bytes, filename: str, mapping: dict[str, str] | None = None
) -> tuple[list[SchoolRow], dict[str, str]]:
    table = read_table(data, filename=filename, columns=SCHOOL_COLUMNS, mapping=mapping)
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
        rows.append(SchoolRow(number, (code or "").upper(), name or "", level or "", enrollment))
    if out.errors:
        raise ImportRejected(out.errors)
    return rows, table.header_names


def _officer_columns_check(table: Table, default_agency: str) -> None:
    """Officers need an agency column (or the agency given on upload), and a first and
    a last name column or one full-name column."""
    has = set(table.header_names)
    missing = [] if "agency_code" in has or default_agency else ["agency_code"]
    if "full_name" not in has:
        missing += [f for f in ("first_name", "last_name") if f not in has]
    if missing:
        raise HeaderMissing(
            columns=OFFICER_COLUMNS,
            required=missing,
            likeliest=HeaderNotFound(
                row=table.header_row, headers=list(table.header_names.values())
            ),
        )


def _officer_names(out: _Collector, number: int, cells: dict) -> tuple[str | None, str | None]:
    if "first_name" in out.table.header_names and "last_name" in out.table.header_names:
        first = out.cell(number, "first_name", parse_text, cells.get("first_name"), max_length=100)
        last = out.cell(number, "last_name", parse_text, cells.get("last_name"), max_length=100)
        return first, last
    try:
        first, last = split_person_name(cells.get("full_name"))
    except CellProblem as problem:
        out.errors.append(CellError(number, out.table.column_name("full_name"), str(problem)))
        return None, None
    if not first or not last:
        out.errors.append(
            CellError(
                number,
                out.table.column_name("full_name"),
                f"{cells.get('full_name')!r} is not a full name ('Last, First' or 'First Last')",
            )
        )
        return None, None
    return first[:100], last[:100]


def read_officer_rows(
    data: bytes, filename: str, mapping: dict[str, str] | None = None, default_agency: str = ""
) -> tuple[list[OfficerRow], dict[str, str]]:
    """``default_agency`` is the agency code of a file without an agency column."""
    table = read_table(data, filename=filename, columns=OFFICER_COLUMNS, mapping=mapping)
    default_agency = default_agency.strip().upper()
    _officer_columns_check(table, default_agency)
    out = _Collector(table)
    rows: list[OfficerRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in table.rows:
        agency = (
            out.cell(number, "agency_code", parse_code, cells.get("agency_code"))
            if "agency_code" in table.header_names
            else default_agency
        )
        badge = out.cell(number, "badge_number", parse_code, cells.get("badge_number"))
        first, last = _officer_names(out, number, cells)
        school = out.cell(
            number, "school_code", parse_code, cells.get("school_code"), required=False
        )
        start = out.cell(number, "start_date", parse_date, cells.get("start_date"), required=False)
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
                tidy_name(first or ""),
                tidy_name(last or ""),
                (school or "").upper(),
                (email or "").lower(),
                start,
            )
        )
    if out.errors:
        raise ImportRejected(out.errors)
    return rows, table.header_names


@dataclass(frozen=True)
class RosterFile:
    kind: str
    schools: list[SchoolRow]
    officers: list[OfficerRow]
    # field -> the header as written in the file, for errors found later.
    headers: dict[str, str]

    @property
    def rows(self) -> int:
        return len(self.schools) + len(self.officers)

    def column(self, field_name: str) -> str:
        return self.headers.get(field_name, field_name)


def read_roster(
    data: bytes, filename: str, mappings: Mappings | None = None, default_agency: str = ""
) -> RosterFile:
    """Detect the kind and read every row, or refuse the file listing every problem.

    ``default_agency``: the agency code of an officers file without an agency column."""
    mappings = mappings or {}
    kind = detect_kind(data, filename, mappings)
    if kind == RosterKind.OFFICERS:
        officers, headers = read_officer_rows(data, filename, mappings.get(kind), default_agency)
        return RosterFile(kind, [], officers, headers)
    schools, headers = read_school_rows(data, filename, mappings.get(kind))
    return RosterFile(kind, schools, [], headers)
