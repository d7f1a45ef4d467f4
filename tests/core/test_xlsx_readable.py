"""Every XLSX writer's workbook reads as a spreadsheet made for people (issue 17):
an About sheet first, readable sheet names, a bold header with frozen panes under it,
column widths, dates as date cells, percentages as numbers formatted as %, rates
rounded with a 0.00 format. The writers are the ones test_xlsx_writers_timezones.py
finds by reading the source; each has a case in xlsx_cases.py."""

from __future__ import annotations

import datetime
import io
import re

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.spreadsheets import MAX_WIDTH, SUPPRESSED, About, Sheet, sheet_name, xlsx_bytes
from tests.core.test_xlsx_writers_timezones import _writer_functions
from tests.core.xlsx_cases import CASES, LONG_TEXT, UNROUNDED_RATE

# Writers that build through another writer in the list; their cases cover them.
BUILT_THROUGH = {"core.spreadsheets.xlsx_bytes", "training_records.exports._file"}


def _column(sheet: Worksheet, header: str) -> list[openpyxl.cell.Cell]:
    names = [cell.value for cell in sheet[1]]
    index = names.index(header) + 1
    return [row[0] for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index)]


def test_every_xlsx_writer_has_a_readability_case() -> None:
    assert set(_writer_functions()) - BUILT_THROUGH <= set(CASES), (
        "a new XLSX writer: add its case to tests/core/xlsx_cases.py"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("writer", sorted(CASES))
def test_each_workbook_opens_on_about_and_names_its_sheets_in_words(writer: str) -> None:
    written = CASES[writer]()
    workbook = openpyxl.load_workbook(io.BytesIO(written.content))

    assert workbook.sheetnames[0] == "About"
    about = {row[0].value: row[1] for row in workbook["About"].iter_rows(min_row=2)}
    assert about["What this is"].value
    generated = about["Generated"]
    assert generated.is_date
    assert "yy" in generated.number_format
    assert f"Legend: {SUPPRESSED}" in about
    assert written.sheet in workbook.sheetnames
    for name in workbook.sheetnames:
        assert len(name) <= 31
        assert not re.match(r"^\d+ |^[a-z]+_[a-z]", name), f"an internal code: {name}"
        assert f"Sheet {name}" in about or name == "About", "About lists every sheet"


@pytest.mark.django_db
@pytest.mark.parametrize("writer", sorted(CASES))
def test_each_sheet_has_a_bold_frozen_header_and_measured_columns(writer: str) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(CASES[writer]().content))

    for sheet in workbook.worksheets:
        header = list(sheet[1])
        assert all(cell.font.bold for cell in header), sheet.title
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title
        for index, cell in enumerate(header, start=1):
            width = sheet.column_dimensions[get_column_letter(index)].width
            assert len(str(cell.value)) + 2 <= width <= MAX_WIDTH or width == MAX_WIDTH, (
                sheet.title,
                cell.value,
                width,
            )
        assert sheet.print_title_rows == "$1:$1", "the header repeats on printed pages"


@pytest.mark.django_db
@pytest.mark.parametrize("writer", sorted(CASES))
def test_dates_percentages_and_rates_are_numbers_with_a_format(writer: str) -> None:
    written = CASES[writer]()
    sheet = openpyxl.load_workbook(io.BytesIO(written.content))[written.sheet]

    if written.date:
        cell = _column(sheet, written.date)[0]
        assert isinstance(cell.value, datetime.datetime)
        assert cell.is_date
        assert cell.number_format == "yyyy-mm-dd"
    if written.percent:
        cell = next(c for c in _column(sheet, written.percent) if c.value != SUPPRESSED)
        assert isinstance(cell.value, float)
        assert 0 < cell.value <= 1, cell.value
        assert cell.number_format.endswith("%")
    if written.rate:
        cell = next(c for c in _column(sheet, written.rate) if c.value != SUPPRESSED)
        assert isinstance(cell.value, float)
        assert cell.value == round(cell.value, 2)
        assert cell.number_format == "0.00"


def _one_sheet(sheet: Sheet) -> Worksheet:
    content = xlsx_bytes([sheet], about=About("A test", district="Home USD"))
    return openpyxl.load_workbook(io.BytesIO(content))[sheet.title]


def test_a_rate_is_stored_rounded_and_a_percent_of_100_as_a_fraction() -> None:
    sheet = _one_sheet(
        Sheet("Rates", ["rate", "share"], [[UNROUNDED_RATE, 66.7]], ["decimal", "percent"])
    )

    assert sheet["A2"].value == 5.69
    assert sheet["A2"].number_format == "0.00"
    assert sheet["B2"].value == pytest.approx(0.667)
    assert sheet["B2"].number_format == "0.0%"


def test_a_suppressed_figure_and_an_unreadable_date_stay_words() -> None:
    sheet = _one_sheet(
        Sheet(
            "Mixed",
            ["when", "share"],
            [["2027-05-04", SUPPRESSED], ["not recorded", 12.5]],
            ["date", "percent"],
        )
    )

    assert sheet["A2"].value.date() == datetime.date(2027, 5, 4)
    assert sheet["A2"].is_date
    assert sheet["B2"].value == SUPPRESSED
    assert sheet["A3"].value == "not recorded"
    assert sheet["B3"].value == 0.125


def test_a_long_text_wraps_in_a_column_capped_at_the_maximum_width() -> None:
    sheet = _one_sheet(Sheet("Notes", ["note"], [[LONG_TEXT], ["short"]]))

    assert sheet.column_dimensions["A"].width == MAX_WIDTH
    assert sheet["A2"].alignment.wrap_text
    assert not sheet["A3"].alignment.wrap_text


def test_widths_are_measured_on_a_bounded_sample_of_rows() -> None:
    rows = [["short"]] * 300 + [["x" * 50]]
    sheet = _one_sheet(Sheet("Big", ["name"], iter(rows)))

    assert sheet.column_dimensions["A"].width < 50, "row 301 is past the sample"
    assert sheet.max_row == 302, "and still written"


def test_a_first_column_that_names_the_row_stays_in_view() -> None:
    sheet = _one_sheet(Sheet("Schools", ["school", "arrests"], [["Lincoln", 3]], names_rows=True))

    assert sheet.freeze_panes == "B2"


def test_sheet_names_are_cut_cleaned_and_unique() -> None:
    taken = {"about"}
    long = "Arrests relative to enrollment, by student group"

    names = [sheet_name(title, taken) for title in (long, long, "Staff: comments", "ABOUT")]

    assert names == [
        "Arrests relative to enrollment",
        "Arrests relative to enrollm (2)",
        "Staff comments",
        "ABOUT (2)",
    ]
    assert all(len(name) <= 31 for name in names)
