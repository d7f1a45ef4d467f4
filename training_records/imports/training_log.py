"""Training logs read into validated rows, in one pass.

An agency's export is read once, row by row, against lookups loaded up front
(officers by badge, courses by code/title/alias, the records already stored), so a
100,000-row file costs one walk of the file and no query per row. Every problem is
collected with its row and column; the caller refuses a file with any.
"""

from __future__ import annotations

import datetime
import functools
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.dates import today
from core.tabular import CellError, Column, ImportRejected, is_xlsx, normalise_header, read_table
from core.tabular_cells import (
    CellProblem,
    parse_code,
    parse_date,
    parse_decimal,
    parse_text,
    split_person_name,
)
from roster.models import Agency, Officer
from training_records.imports.cells import read_cell
from training_records.imports.status import StatusRule, skipped_preview_row, status_rule
from training_records.models import MAX_RECORD_HOURS, Course, RecordSource, TrainingRecord

# The preview keeps this many rows to list; a larger file is imported as a task and
# its preview says how many more rows there are.
PREVIEW_ROWS_KEPT = 10_000
ERRORS_KEPT = 10_000

TRAINING_COLUMNS = [
    Column(
        "badge_number",
        ("badge number", "badge", "badge no", "employee id", "employee number", "officer id"),
    ),
    Column(
        "completed_on",
        ("date completed", "completion date", "completed", "completed on", "date", "training date"),
    ),
    Column("course_code", ("course code", "course id", "course number", "code"), required=False),
    Column(
        "course_title",
        ("course title", "course", "training", "course name", "title", "class"),
        required=False,
    ),
    Column(
        "hours",
        ("hours", "credit hours", "training hours", "duration hours", "duration"),
        required=False,
    ),
    Column(
        "provider", ("instructor", "provider", "trainer", "vendor", "taught by"), required=False
    ),
    Column(
        "officer_name",
        ("employee name", "officer name", "name", "officer", "full name"),
        required=False,
    ),
    Column("last_name", ("last name", "surname", "last"), required=False),
    Column("first_name", ("first name", "given name", "first"), required=False),
    Column(
        "completion_status",
        ("completion status", "status", "result", "outcome", "training status"),
        required=False,
    ),
]
MAPPABLE_FIELDS = {
    "badge_number": "Badge number",
    "completed_on": "Completion date",
    "course_code": "Course code",
    "course_title": "Course title",
    "hours": "Hours",
    "provider": "Provider or instructor",
    # core.tabular.split_person_name reads both orders; a comma marks "Last, First".
    "officer_name": 'Officer name ("Last, First" or "First Last")',
    "last_name": "Last name",
    "first_name": "First name",
    "completion_status": "Completion status (which rows count: see the values below)",
}


def course_key(text: str) -> str:
    return normalise_header(text)


@dataclass
class TrainingLog:
    """What a file would import: the new records (unsaved), counts and errors."""

    rows: int = 0
    duplicates: int = 0
    skipped: int = 0  # rows whose completion status doesn't count
    records: list[TrainingRecord] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    preview: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Lookups:
    officers: dict[str, tuple[int, str, str]]
    courses_by_code: dict[str, Course]
    courses_by_name: dict[str, Course]
    existing: set[tuple[int, int, datetime.date]]


def load_lookups(agency: Agency) -> Lookups:
    """Three queries, whatever the file's size."""
    officers = {
        badge.upper(): (pk, first, last)
        for pk, badge, first, last in Officer.objects.filter(agency=agency).values_list(
            "pk", "badge_number", "first_name", "last_name"
        )
    }
    by_code: dict[str, Course] = {}
    by_name: dict[str, Course] = {}
    for course in Course.objects.all():
        by_code[course.code.upper()] = course
        by_name[course_key(course.title)] = course
        for alias in course.aliases:
            by_name.setdefault(course_key(alias), course)
            by_code.setdefault(alias.strip().upper(), course)
    existing = set(
        TrainingRecord.objects.filter(officer__agency=agency).values_list(
            "officer_id", "course_id", "completed_on"
        )
    )
    return Lookups(officers, by_code, by_name, existing)


def estimate_rows(data: bytes) -> int:
    """Rows in the file, for a job's progress bar, without reading the cells."""
    if not is_xlsx(data):
        return data.count(b"\n")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return 0
    try:
        return workbook.worksheets[0].max_row or 0
    finally:
        workbook.close()


def read_training_log(
    *,
    data: bytes,
    filename: str,
    agency: Agency,
    mapping: dict[str, str] | None = None,
    on_progress: Callable[[int], None] | None = None,
    keep_preview: bool = False,
    status: StatusRule | None = None,
) -> TrainingLog:
    """Walk the file once; raises ``ImportRejected`` for a file it can't read at all
    (no header row, no course column), returns row errors in ``errors``.

    With a completion-status column, a row whose status doesn't count (``status``, the
    built-in values by default) is skipped and its other cells aren't checked: an
    enrolment nobody attended may name a course the catalog doesn't have."""
    table = read_table(data, filename=filename, columns=TRAINING_COLUMNS, mapping=mapping)
    found = set(table.header_names)
    if not {"course_code", "course_title"} & found:
        raise ImportRejected(
            [CellError(table.header_row, "", "No course column: name the course by code or title.")]
        )
    lookups = load_lookups(agency)
    log = TrainingLog()
    errors = log.errors
    column = table.column_name
    latest = today()
    seen: set[tuple[int, int, datetime.date]] = set()
    check_names = "last_name" in found or "officer_name" in found
    rule = (status or status_rule()) if "completion_status" in found else None

    for number, cells in table.rows:
        log.rows += 1
        if on_progress is not None:
            on_progress(log.rows)
        problems_before = len(errors)
        if rule is not None and not _counts(
            number, cells, rule, log, lookups, column, keep_preview
        ):
            continue
        badge = read_cell(number, cells, "badge_number", parse_code, column, errors)
        officer = None
        if badge:
            officer = lookups.officers.get(badge.upper())
            if officer is None:
                errors.append(
                    CellError(
                        number,
                        column("badge_number"),
                        f"no officer of {agency.code} has badge {badge}",
                    )
                )
        course = _course(number, cells, lookups, column, errors)
        completed_on = read_cell(
            number, cells, "completed_on", _parse_day, column, errors, latest=latest
        )
        hours = _hours(number, cells.get("hours"), course, column, errors)
        provider = read_cell(number, cells, "provider", parse_text, column, errors, required=False)
        if officer is not None and check_names:
            _check_name(number, cells, officer, column, errors)
        if len(errors) > problems_before:
            continue
        # Every reader above that found nothing usable also recorded an error.
        assert officer is not None
        assert course is not None
        assert completed_on is not None
        assert hours is not None
        key = (officer[0], course.pk, completed_on)
        duplicate = key in lookups.existing or key in seen
        if keep_preview and len(log.preview) < PREVIEW_ROWS_KEPT:
            log.preview.append(
                [
                    number,
                    badge,
                    f"{officer[2]}, {officer[1]}",
                    course.code,
                    completed_on.isoformat(),
                    str(hours),
                    provider or "",
                    "already stored" if duplicate else "new",
                ]
            )
        if duplicate:
            log.duplicates += 1
            continue
        seen.add(key)
        log.records.append(
            TrainingRecord(
                officer_id=officer[0],
                course_id=course.pk,
                completed_on=completed_on,
                hours=hours,
                provider=provider or "",
                source=RecordSource.IMPORTED,
            )
        )
    if len(errors) > ERRORS_KEPT:
        del errors[ERRORS_KEPT:]
    return log


def _counts(
    number: int,
    cells: dict,
    rule: StatusRule,
    log: TrainingLog,
    lookups: Lookups,
    column: Callable[[str], str],
    keep_preview: bool,
) -> bool:
    """Whether the row's completion status counts; a row that doesn't is counted as
    skipped (and listed), one with an unknown status gets its error."""
    counts = read_cell(number, cells, "completion_status", rule.counts_row, column, log.errors)
    if counts is None:
        return False
    if not counts[0]:
        log.skipped += 1
        if keep_preview and len(log.preview) < PREVIEW_ROWS_KEPT:
            log.preview.append(skipped_preview_row(number, cells, lookups.officers, counts[1]))
    return bool(counts[0])


# Exports repeat the same few hundred dates and names: parsing each text once keeps
# the per-row cost small next to openpyxl's (see benchmarks/training_import.py).
_text_day = functools.lru_cache(maxsize=8192)(parse_date)
_normal = functools.lru_cache(maxsize=8192)(normalise_header)


def _parse_day(value: Any, *, latest: datetime.date) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        moment_day = value.date()
        if moment_day.year >= 1950 and moment_day <= latest:
            return moment_day
    day = _text_day(value) if isinstance(value, str) else parse_date(value)
    if day is not None and day > latest:  # never None: parse_date requires a date
        raise CellProblem(f"{day.isoformat()} is in the future")
    return day


def _course(
    number: int, cells: dict, lookups: Lookups, column, errors: list[CellError]
) -> Course | None:
    try:
        code = parse_code(cells.get("course_code"), required=False)
    except CellProblem as problem:
        errors.append(CellError(number, column("course_code"), str(problem)))
        return None
    if code:
        course = lookups.courses_by_code.get(code.upper())
        if course is None:
            errors.append(
                CellError(number, column("course_code"), f"{code} is not a course in the catalog")
            )
        return course
    try:
        title = parse_text(cells.get("course_title"), required=False)
    except CellProblem as problem:
        errors.append(CellError(number, column("course_title"), str(problem)))
        return None
    if not title:
        where = column("course_code") if "course_code" in cells else column("course_title")
        errors.append(CellError(number, where, "is empty; name the course by code or title"))
        return None
    course = lookups.courses_by_name.get(course_key(title)) or lookups.courses_by_code.get(
        title.upper()
    )
    if course is None:
        errors.append(
            CellError(
                number, column("course_title"), f"{title[:60]!r} is not a course in the catalog"
            )
        )
    return course


def _hours(
    number: int, value: Any, course: Course | None, column, errors: list[CellError]
) -> Decimal | None:
    try:
        hours = parse_decimal(value, required=False, what="number of hours")
    except CellProblem as problem:
        errors.append(CellError(number, column("hours"), str(problem)))
        return None
    if hours is None:
        return course.hours if course is not None else None
    if hours <= 0:
        errors.append(
            CellError(number, column("hours"), f"{hours} hours: hours must be more than 0")
        )
        return None
    if hours > MAX_RECORD_HOURS:
        errors.append(
            CellError(
                number,
                column("hours"),
                f"{hours} hours is implausible for one course (at most {MAX_RECORD_HOURS})",
            )
        )
        return None
    return hours.quantize(Decimal("0.01"))


def _check_name(
    number: int, cells: dict, officer: tuple[int, str, str], column, errors: list[CellError]
) -> None:
    """A badge typed wrong would credit the wrong officer: the name must agree."""
    _pk, first, last = officer
    try:
        if cells.get("last_name") not in (None, ""):
            given_last, name_column = parse_text(cells.get("last_name")), "last_name"
        elif cells.get("officer_name") not in (None, ""):
            given_last, name_column = (
                split_person_name(cells.get("officer_name"))[1],
                "officer_name",
            )
        else:
            return
    except CellProblem as problem:
        errors.append(CellError(number, column("officer_name"), str(problem)))
        return
    if _normal(given_last) != _normal(last):
        errors.append(
            CellError(
                number,
                column(name_column),
                f"the badge belongs to {first} {last}, not {given_last}",
            )
        )
