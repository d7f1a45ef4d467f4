"""Reading agencies' spreadsheets as they are: CSV or XLSX, title rows above the
header, headers named in many ways, Excel and text dates, text numbers.

Importers (roster, training, activity) describe their columns, then walk the rows
once, collecting every problem as a ``CellError`` naming the row and column. A file
with any error is refused whole by the importer: nothing is stored.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings

from core.errors import ApplicationError

HEADER_SCAN_ROWS = 25
# An XLSX is a zip: refuse one that would unpack to far more than any real export.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row:
            return f"Row {self.row}, column {self.column!r}: {self.message}"
        return f"Column {self.column!r}: {self.message}" if self.column else self.message

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportRejected(ApplicationError):
    """The file can't be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: list[CellError]) -> None:
        self.errors = errors
        count = len(errors)
        summary = str(errors[0]) if count == 1 else f"{count} problems, first: {errors[0]}"
        super().__init__(
            f"The file was not imported: {summary}",
            extra={"errors": [e.as_dict() for e in errors]},
        )


class HeaderMissing(ImportRejected):
    """No header row names the required columns. The message quotes the headers the
    file does have, so the reader can map them on the column-mapping page."""

    def __init__(
        self, *, columns: list[Column], required: list[str], likeliest: HeaderNotFound
    ) -> None:
        by_field = columns_by_field(columns)
        missing = ", ".join(repr(by_field[f].headers[0]) for f in required)
        message = (
            f"No header row found in the first {HEADER_SCAN_ROWS} rows with the columns {missing}."
        )
        if likeliest.headers:
            shown = ", ".join(repr(h[:40]) for h in likeliest.headers[:12])
            more = len(likeliest.headers) - 12
            message += f" Row {likeliest.row} has the headers {shown}" + (
                f" and {more} more." if more > 0 else "."
            )
        else:
            message += " The first rows have no text at all."
        message += " Map your own column names on the column-mapping page."
        self.found_headers = likeliest.headers
        super().__init__([CellError(0, "", message)])


@dataclass(frozen=True)
class Column:
    """A column an importer understands, with the header names agencies use for it."""

    field: str
    headers: tuple[str, ...]
    required: bool = True


@dataclass
class Table:
    header_row: int
    header_names: dict[str, str]
    rows: Iterator[tuple[int, dict[str, Any]]] = field(repr=False)

    def column_name(self, field_name: str) -> str:
        return self.header_names.get(field_name, field_name)


def normalise_header(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("#", " number ").replace("№", " number ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _raw_rows(data: bytes, filename: str) -> Iterator[tuple[int, list[Any]]]:
    if is_xlsx(data):
        yield from _xlsx_rows(data)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise ImportRejected(
            [CellError(0, "", "The file is named like a spreadsheet but is not an XLSX file.")]
        )
    else:
        yield from _csv_rows(data)


def is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _check_xlsx_archive(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
            raise ImportRejected(
                [
                    CellError(
                        0, "", "The spreadsheet unpacks to an implausible size; it was refused."
                    )
                ]
            )
        if any(info.filename.startswith("xl/externalLinks/") for info in infos):
            raise ImportRejected(
                [
                    CellError(
                        0,
                        "",
                        "The spreadsheet links to other workbooks; save it without external links.",
                    )
                ]
            )


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    _check_xlsx_archive(data)
    try:
        # data_only=False keeps formulas as their text, so an importer can refuse them.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportRejected([CellError(0, "", f"The spreadsheet can't be read: {exc}")]) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportRejected(
            [CellError(0, "", "The file is neither CSV text nor an XLSX spreadsheet.")]
        )
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def read_upload(upload: IO[bytes] | bytes) -> bytes:
    """Read an uploaded file whole, refusing one past the configured size."""
    limit = settings.MAX_IMPORT_FILE_BYTES
    data = upload if isinstance(upload, bytes) else upload.read(limit + 1)
    if len(data) > limit:
        raise ImportRejected(
            [CellError(0, "", f"The file is larger than {limit // (1024 * 1024)} MB.")]
        )
    if not data:
        raise ImportRejected([CellError(0, "", "The file is empty.")])
    return data


def _is_blank(row: list[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _is_footer(row: list[Any]) -> bool:
    first = next((v for v in row if v is not None and str(v).strip()), None)
    return isinstance(first, str) and first.strip().lower().startswith(("total", "end of report"))


def _find_header(
    raw: Iterator[tuple[int, list[Any]]], wanted: dict[str, set[str]], required: list[str]
) -> tuple[int, dict[str, int], dict[str, str]] | HeaderNotFound:
    """The first row, among the first HEADER_SCAN_ROWS, naming every required column: its
    number, each field's position and each field's header as written. Without one, the
    row with the most text cells is what the file's author most likely meant as its
    header: the refusal quotes it, so they can map those names."""
    likeliest: tuple[int, list[str]] = (0, [])
    for number, row in raw:
        found: dict[str, int] = {}
        names: dict[str, str] = {}
        for index, value in enumerate(row):
            key = normalise_header(value)
            for field_name, accepted in wanted.items():
                if field_name not in found and key in accepted:
                    found[field_name] = index
                    names[field_name] = str(value).strip()
        if all(f in found for f in required) and found:
            return number, found, names
        texts = [v.strip() for v in row if isinstance(v, str) and v.strip()]
        if len(texts) > len(likeliest[1]):
            likeliest = (number, texts)
        if number >= HEADER_SCAN_ROWS:
            break
    return HeaderNotFound(row=likeliest[0], headers=likeliest[1])


@dataclass(frozen=True)
class HeaderNotFound:
    row: int
    headers: list[str]


def read_table(
    data: bytes,
    *,
    filename: str,
    columns: list[Column],
    mapping: dict[str, str] | None = None,
) -> Table:
    """Find the header row and map columns; the rows are read lazily, once.

    ``mapping`` (field -> header as written in the file) comes from a saved column
    mapping and wins over the built-in header names.
    """
    raw = _raw_rows(data, filename)
    wanted = {
        column.field: {normalise_header(h) for h in column.headers}
        | {normalise_header(column.field)}
        for column in columns
    }
    for field_name, header in (mapping or {}).items():
        if field_name in wanted and header:
            wanted[field_name] = {normalise_header(header)}
    required = [c.field for c in columns if c.required]

    best = _find_header(raw, wanted, required)
    if isinstance(best, HeaderNotFound):
        raise HeaderMissing(columns=columns, required=required, likeliest=best)
    header_row, positions, names = best

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, row in raw:
            if _is_blank(row) or _is_footer(row):
                continue
            yield number, {f: (row[i] if i < len(row) else None) for f, i in positions.items()}

    return Table(header_row=header_row, header_names=names, rows=rows())


def columns_by_field(columns: list[Column]) -> dict[str, Column]:
    return {c.field: c for c in columns}


# Cell parsers -------------------------------------------------------------------
