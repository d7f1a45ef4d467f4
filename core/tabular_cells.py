"""Cell parsers for agencies' spreadsheets: text, codes, Excel and text dates, numbers,
person names. Each raises ``CellProblem`` with a message the importer places at the
row and column it read the cell from."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

EXCEL_EPOCH = datetime.date(1899, 12, 30)
TEXT_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%m-%d-%Y",
    "%Y/%m/%d",
    "%d %b %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y %H:%M",
)


class CellProblem(ValueError):
    """Raised by a cell parser; the importer adds the row and column."""


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def parse_text(value: Any, *, required: bool = True, max_length: int = 200) -> str:
    if is_formula(value):
        raise CellProblem("holds a formula; enter the value itself")
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value).strip()
    if required and not text:
        raise CellProblem("is empty")
    if len(text) > max_length:
        raise CellProblem(f"is longer than {max_length} characters")
    return text


def parse_code(value: Any, *, required: bool = True) -> str:
    """A badge number or code: numbers from Excel lose their '.0'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = int(value) if float(value).is_integer() else value
    return parse_text(value, required=required, max_length=50)


def _as_date(value: Any) -> datetime.date | None:
    """The calendar day a cell holds (a date, an Excel serial number or text), else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial-number range
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        return None
    text = str(value).strip()
    for fmt in TEXT_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def parse_date(
    value: Any, *, required: bool = True, not_after: datetime.date | None = None
) -> datetime.date | None:
    if is_formula(value):
        raise CellProblem("holds a formula; enter the date itself")
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellProblem("is empty; a date is needed")
        return None
    day = _as_date(value)
    if day is None:
        raise CellProblem(f"{str(value)[:40]!r} is not a date (use YYYY-MM-DD or MM/DD/YYYY)")
    if day.year < 1950:
        raise CellProblem(f"{day.isoformat()} is implausibly old")
    if not_after is not None and day > not_after:
        raise CellProblem(f"{day.isoformat()} is in the future")
    return day


def parse_decimal(
    value: Any,
    *,
    required: bool = True,
    minimum: decimal.Decimal | int | None = None,
    maximum: decimal.Decimal | int | None = None,
    what: str = "number",
) -> decimal.Decimal | None:
    if is_formula(value):
        raise CellProblem("holds a formula; enter the number itself")
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellProblem(f"is empty; a {what} is needed")
        return None
    try:
        number = decimal.Decimal(str(value).strip().replace(",", ""))
    except decimal.InvalidOperation:
        raise CellProblem(f"{str(value)[:40]!r} is not a {what}") from None
    if not number.is_finite():
        raise CellProblem(f"{value!r} is not a {what}")
    if minimum is not None and number < minimum:
        raise CellProblem(f"{number} is below {minimum}")
    if maximum is not None and number > maximum:
        raise CellProblem(f"{number} is implausibly high (more than {maximum})")
    return number


def parse_int(
    value: Any, *, required: bool = True, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    number = parse_decimal(
        value, required=required, minimum=minimum, maximum=maximum, what="whole number"
    )
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellProblem(f"{number} is not a whole number")
    return int(number)


def split_person_name(value: Any) -> tuple[str, str]:
    """'Last, First' or 'First Last' -> (first, last)."""
    text = parse_text(value)
    if "," in text:
        last, first = (part.strip() for part in text.split(",", 1))
    else:
        first, _, last = text.rpartition(" ")
    return first, last
