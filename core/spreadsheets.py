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
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def xlsx_bytes(
    sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
    *,
    time_zone: datetime.tzinfo | None = None,
) -> bytes:
    """A write-only workbook: one sheet per (title, header, rows); datetimes in
    ``time_zone`` (the district's), naive."""
    zone = time_zone or district_time_zone()
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        header_cells = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=neutralise(name))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_value(v, zone) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Any, zone: datetime.tzinfo) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(zone).isoformat(sep=" ")
    return neutralise(value)


def _xlsx_value(value: Any, zone: datetime.tzinfo) -> Any:
    if isinstance(value, str):
        # openpyxl stores a string beginning with '=' as a formula; neutralise first.
        return neutralise(value)
    if isinstance(value, datetime.datetime):
        return local_naive(value, zone)
    if isinstance(value, datetime.time) and value.tzinfo is not None:
        # A time has no date to convert on; Excel keeps the wall-clock time.
        return value.replace(tzinfo=None)
    return value
