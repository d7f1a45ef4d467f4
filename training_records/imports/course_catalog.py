"""Course catalogs read into validated rows: code, title, category, hours, refresher, aliases."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.tabular import CellError, Column, ImportRejected, normalise_header, read_table
from core.tabular_cells import parse_code, parse_decimal, parse_int, parse_text
from training_records.imports.cells import read_cell
from training_records.models import MAX_RECORD_HOURS, Category

COURSE_COLUMNS = [
    Column("code", ("course code", "code")),
    Column("title", ("title", "course title", "name")),
    Column("category", ("category",)),
    Column("hours", ("hours", "credit hours")),
    Column("refresher_months", ("refresher months", "refresher", "refresh months"), required=False),
    Column("aliases", ("aliases", "also known as", "other names"), required=False),
]
_CATEGORIES = {normalise_header(v): v for v in Category.values} | {
    normalise_header(label): value for value, label in Category.choices
}


@dataclass(frozen=True)
class CourseRow:
    row: int
    code: str
    title: str
    category: str
    hours: Decimal
    refresher_months: int | None
    aliases: list[str]


def read_course_rows(data: bytes, filename: str) -> list[CourseRow]:
    table = read_table(data, filename=filename, columns=COURSE_COLUMNS)
    errors: list[CellError] = []
    rows: list[CourseRow] = []
    seen: dict[str, int] = {}
    column = table.column_name
    for number, cells in table.rows:
        code = read_cell(number, cells, "code", parse_code, column, errors)
        title = read_cell(number, cells, "title", parse_text, column, errors)
        category_text = read_cell(number, cells, "category", parse_text, column, errors)
        hours = read_cell(
            number,
            cells,
            "hours",
            parse_decimal,
            column,
            errors,
            minimum=Decimal("0.25"),
            maximum=MAX_RECORD_HOURS,
            what="number of hours",
        )
        refresher = read_cell(
            number,
            cells,
            "refresher_months",
            parse_int,
            column,
            errors,
            required=False,
            minimum=1,
            maximum=120,
        )
        aliases_text = (
            read_cell(
                number,
                cells,
                "aliases",
                parse_text,
                column,
                errors,
                required=False,
                max_length=1000,
            )
            or ""
        )
        category = _CATEGORIES.get(normalise_header(category_text or ""))
        if category_text and category is None:
            errors.append(
                CellError(
                    number,
                    table.column_name("category"),
                    f"{category_text!r} is not a category ({', '.join(Category.values)})",
                )
            )
        if code and code.upper() in seen:
            errors.append(
                CellError(
                    number,
                    table.column_name("code"),
                    f"{code} is already on row {seen[code.upper()]}",
                )
            )
        elif code:
            seen[code.upper()] = number
        aliases = [a.strip() for a in aliases_text.replace("|", ";").split(";") if a.strip()]
        rows.append(
            CourseRow(
                number,
                code or "",
                title or "",
                category or "",
                hours or Decimal("0"),
                refresher,
                aliases,
            )
        )
    if errors:
        raise ImportRejected(errors)
    return rows
