"""Writing CSV and XLSX exports safely, for every app.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, so a value typed by one user could run in another's spreadsheet. Every
text cell we write goes through ``neutralise``.

Excel has no time zones: openpyxl refuses an aware datetime ("Excel does not support
timezones in datetimes"). Every datetime cell is therefore written in the district's
time zone and made naive here, at the writer, so no export can forget it
(CONVENTIONS rule 8). A district has no time zone of its own: the district's zone is
``settings.TIME_ZONE``, which a caller may override with ``time_zone``. CSV cells keep
the offset (ISO 8601 in the same zone), since text can carry it.

Workbooks are written for people (docs/spreadsheets.md): an "About" sheet first, one
table per sheet under a readable name, a bold header with frozen panes under it,
column widths measured from the content, dates as date cells, numbers as numbers with
a number format (rates rounded to 0.00, percentages as numbers formatted as %), and a
hidden figure as the word ``SUPPRESSED``, explained in the About sheet's legend. No
writer formats a cell itself: it says what its columns hold (``COLUMN_FORMATS``).
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# What a column holds. "decimal" is any measured number, a rate or a mean, shown with
# two decimals; "percent" is a number of percent (66.7), stored as 0.667 and shown
# as 66.7%, so a spreadsheet can sum and chart it; "date" may be an ISO text. A
# column with no format is read from each value's type.
COLUMN_FORMATS = ("text", "integer", "decimal", "percent", "date")
NUMBER_FORMATS = {
    "integer": "0",
    "decimal": "0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
DECIMAL_PLACES = 2

# The one word for a figure held back (too few responses, too small a count), in every
# workbook, explained in the legend of the About sheet.
SUPPRESSED = "suppressed"

SHEET_NAME_LENGTH = 31  # Excel's limit
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
CUT_END = " ,;.-–—"  # left dangling where a name is cut
ABOUT_SHEET = "About"
# Widths come from the header and the first rows only, so a large export is measured
# without holding it in memory; the rest is streamed as it comes.
WIDTH_SAMPLE_ROWS = 300
MIN_WIDTH = 8
MAX_WIDTH = 60  # a longer text wraps inside a column this wide
LANDSCAPE_WIDTH = 100  # characters across, past which a sheet prints landscape


@dataclass(frozen=True)
class Sheet:
    """One table on its own sheet. ``title`` may be long (the About sheet lists it in
    full); the sheet's name is cut from it. ``formats`` gives a COLUMN_FORMATS value
    per column; ``names_rows`` freezes the first column too, when it names the row."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    formats: Sequence[str] = ()
    names_rows: bool = False
    description: str = ""  # what the About sheet says of it; the title when empty


@dataclass(frozen=True)
class About:
    """The first sheet: what the workbook is, whose, when, and how to read it."""

    what: str
    district: str
    facts: Sequence[tuple[str, Any]] = ()
    confidentiality: str = ""
    legend: Sequence[tuple[str, str]] = field(default_factory=tuple)


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def district_time_zone() -> datetime.tzinfo:
    """The zone a district's spreadsheets are written in (``settings.TIME_ZONE``;
    ``District`` has no zone field), never the viewer's activated zone."""
    return timezone.get_default_timezone()


def local_naive(value: datetime.datetime, time_zone: datetime.tzinfo) -> datetime.datetime:
    """An aware datetime as the wall-clock time in ``time_zone``, without tzinfo.
    A naive one is returned as it is (the house never makes one: rule 8)."""
    if timezone.is_naive(value):
        return value
    return timezone.make_naive(value, time_zone)


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    time_zone: datetime.tzinfo | None = None,
) -> bytes:
    zone = time_zone or district_time_zone()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v, zone) for v in row])
    # A byte-order mark so Excel opens UTF-8 (Spanish names) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_name(title: str, taken: set[str]) -> str:
    """A name Excel accepts for ``title``: at most 31 characters, none of []:*?/\\,
    unique (case-insensitively, as Excel compares) among ``taken``, which it joins."""
    cleaned = " ".join("".join(" " if ch in SHEET_NAME_FORBIDDEN else ch for ch in title).split())
    cleaned = cleaned.strip("'") or "Sheet"
    name = cleaned[:SHEET_NAME_LENGTH].rstrip(CUT_END)
    number = 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = cleaned[: SHEET_NAME_LENGTH - len(suffix)].rstrip(CUT_END) + suffix
    taken.add(name.casefold())
    return name


def xlsx_bytes(
    sheets: Iterable[Sheet],
    *,
    about: About,
    time_zone: datetime.tzinfo | None = None,
) -> bytes:
    """A write-only workbook: the About sheet, then one sheet per ``Sheet``;
    datetimes in ``time_zone`` (the district's), naive."""
    zone = time_zone or district_time_zone()
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    # The workbook's own words are in the active language: English on staff pages, the
    # reader's on public downloads (config.middleware.PublicLocaleMiddleware).
    about_title = _("About")  # ABOUT_SHEET, as the active language writes it
    taken = {about_title.casefold()}
    # About is the first sheet but is written last: it lists the sheets, whose names
    # are known only once the (streamed) sheets have been written.
    about_sheet = workbook.create_sheet(title=about_title)
    listed: list[tuple[str, str]] = []
    for sheet in sheets:
        name = sheet_name(sheet.title, taken)
        listed.append((_("Sheet %(name)s") % {"name": name}, sheet.description or sheet.title))
        _write_table(workbook.create_sheet(title=name), sheet, zone)
    about_table = Sheet(
        about_title, [_("Item"), _("Value")], _about_rows(about, listed, zone), names_rows=True
    )
    _write_table(about_sheet, about_table, zone)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _about_rows(
    about: About, listed: list[tuple[str, str]], zone: datetime.tzinfo
) -> list[tuple[str, Any]]:
    generated = local_naive(timezone.now(), zone).replace(second=0, microsecond=0)
    rows: list[tuple[str, Any]] = [
        (_("What this is"), about.what),
        *([(_("District"), about.district)] if about.district else []),
        (_("Generated"), generated),
        (
            _("Time zone"),
            _("Dates and times are local to the district (%(zone)s).") % {"zone": zone},
        ),
        *about.facts,
    ]
    if about.confidentiality:
        rows.append((_("Confidentiality"), about.confidentiality))
    rows += listed
    # The hidden-figure word as the active language writes it ("suppressed" is its msgid).
    suppressed = _("suppressed")
    rows += [
        (
            _("Legend: %(term)s") % {"term": suppressed},
            _(
                "A figure held back because it rests on too few people or "
                "events to be shown without identifying someone."
            ),
        ),
        (
            _("Legend: %(term)s") % {"term": "%"},
            _("Percentages are numbers formatted as per cent (0.667 shows as 66.7%)."),
        ),
        (
            _("Legend: decimals"),
            _("Rates and means show two decimals; the cell holds the same rounded number."),
        ),
        *((_("Legend: %(term)s") % {"term": term}, meaning) for term, meaning in about.legend),
    ]
    return rows


def _write_table(worksheet: WriteOnlyWorksheet, sheet: Sheet, zone: datetime.tzinfo) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    rows = iter(sheet.rows)
    sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)]
    formats = list(sheet.formats)
    widths = _column_widths(sheet.header, sample, formats)
    _lay_out(worksheet, widths, names_rows=sheet.names_rows)

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    header = []
    for name in sheet.header:
        cell = WriteOnlyCell(worksheet, value=neutralise(name))
        cell.font = bold
        cell.alignment = wrap
        header.append(cell)
    worksheet.append(header)

    def cells(row: Sequence[Any]) -> Iterator[Any]:
        for index, raw in enumerate(row):
            value, number_format = _xlsx_cell(raw, _format_of(formats, index), zone)
            wraps = isinstance(value, str) and index < len(widths) and len(value) > widths[index]
            if number_format is None and not wraps:
                yield value
                continue
            cell = WriteOnlyCell(worksheet, value=value)
            if number_format:
                cell.number_format = number_format
            if wraps:
                cell.alignment = wrap
            yield cell

    for row in itertools.chain(sample, rows):
        worksheet.append(list(cells(row)))


def _lay_out(worksheet: WriteOnlyWorksheet, widths: list[float], *, names_rows: bool) -> None:
    """Widths, frozen panes and printing, set before the first row is written."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    # WriteOnlyWorksheet runs Worksheet._setup, so it has the layout attributes of a
    # Worksheet, which its type stubs don't declare.
    layout = cast("Worksheet", worksheet)
    for index, width in enumerate(widths, start=1):
        layout.column_dimensions[get_column_letter(index)].width = width
    layout.freeze_panes = "B2" if names_rows else "A2"
    layout.print_title_rows = "1:1"  # the header on every printed page
    # Printed across one page wide, as many pages down as it takes.
    layout.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    layout.page_setup.fitToWidth = 1
    layout.page_setup.fitToHeight = 0
    layout.page_setup.orientation = "landscape" if sum(widths) > LANDSCAPE_WIDTH else "portrait"


def _format_of(formats: Sequence[str], index: int) -> str:
    return formats[index] if index < len(formats) else "text"


def _column_widths(
    header: Sequence[str], sample: list[list[Any]], formats: Sequence[str]
) -> list[float]:
    count = max([len(header), *(len(row) for row in sample)])
    widths = []
    for index in range(count):
        texts = [str(header[index]) if index < len(header) else ""]
        texts += [_shown_text(row[index]) for row in sample if index < len(row)]
        if _format_of(formats, index) == "date":
            texts.append("2027-12-31")
        longest = max(len(line) for text in texts for line in (text.splitlines() or [""]))
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))))
    return widths


def _shown_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return "2027-12-31 23:59"
    if isinstance(value, float | decimal.Decimal):
        return f"{value:.{DECIMAL_PLACES}f}"
    return str(value)


def _xlsx_cell(value: Any, column_format: str, zone: datetime.tzinfo) -> tuple[Any, str | None]:
    """The value a cell stores and its number format (None: General)."""
    if value is None or isinstance(value, bool):
        return value, None
    if isinstance(value, str):
        if column_format == "date":
            try:
                return datetime.date.fromisoformat(value), NUMBER_FORMATS["date"]
            except ValueError:
                pass  # "suppressed", "—": text as it came
        # openpyxl stores a string beginning with '=' as a formula; neutralise first.
        return neutralise(value), None
    if isinstance(value, datetime.datetime):
        return local_naive(value, zone), NUMBER_FORMATS["datetime"]
    if isinstance(value, datetime.date):
        return value, NUMBER_FORMATS["date"]
    if isinstance(value, datetime.time):
        # A time has no date to convert on; Excel keeps the wall-clock time.
        return value.replace(tzinfo=None), "hh:mm"
    if isinstance(value, int | float | decimal.Decimal):
        return _number_cell(value, column_format)
    return value, None


def _number_cell(value: float | decimal.Decimal, column_format: str) -> tuple[Any, str | None]:
    if column_format == "percent":
        return round(float(value) / 100, DECIMAL_PLACES + 2), NUMBER_FORMATS["percent"]
    if isinstance(value, int) and column_format in ("text", "integer"):
        return value, None
    if column_format == "integer":
        return round(float(value)), None
    return round(float(value), DECIMAL_PLACES), NUMBER_FORMATS["decimal"]


def _csv_value(value: Any, zone: datetime.tzinfo) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(zone).isoformat(sep=" ")
    return neutralise(value)
