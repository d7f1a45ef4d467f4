"""The public report as a workbook: the About sheet (dates, period, method, legend,
contact), a sheet of trends, then a sheet per table, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from activity.selectors.report_labels import table_text
from activity.selectors.report_tables import PublicReport, ReportTable, trend_measures
from core.spreadsheets import About, Sheet, xlsx_bytes

from . import text


def _shown(text: str) -> tuple[str, int]:
    """The column format and the decimals a figure is shown with on the page ("5.7": one,
    "67%": a percent with none), so the cell holds the same rounded number."""
    number = text.rstrip("%")
    digits = len(number.partition(".")[2])
    if text.endswith("%"):
        return "percent", digits
    return ("decimal" if digits else "integer"), digits


def _column_formats(table: ReportTable) -> list[str]:
    formats = ["text"]
    for index in range(len(table.columns) - 1):
        shown = [row.cells[index] for row in table.rows if row.cells[index].value is not None]
        formats.append(_shown(shown[0].text)[0] if shown else "integer")
    return formats


def _number(text: str, value: Any) -> Any:
    if not isinstance(value, int | float):
        return value  # not a figure (the writer formats dates and the like itself)
    digits = _shown(text)[1]
    return round(value, digits) if digits else round(value)


def _xlsx_sheet(table: ReportTable) -> Sheet:
    """Shown figures as numbers (the share as a percent), hidden ones as the marker."""
    rows = [
        [
            row.label,
            *(
                cell.text if cell.value is None else _number(cell.text, cell.value)
                for cell in row.cells
            ),
        ]
        for row in table.rows
    ]
    words = table_text(table.slug)
    return Sheet(
        words.sheet if words else table.title,
        table.columns,
        rows,
        _column_formats(table),
        names_rows=True,
        description=table.title,
    )


def _trend_sheet(report: PublicReport) -> Sheet:
    rows: list[list[Any]] = []
    for year in report.trend:
        values: list[Any] = [text.trend_label(year)]
        for cell in year.cells:
            if cell.value is None:
                values.append(cell.text)
            else:
                values.append(_number(cell.text, cell.value))
        rows.append(values)
    return Sheet(
        _("Trends"),
        [_("School year"), *trend_measures()],
        rows,
        ["text", "integer", "integer", "percent", "integer"],
        names_rows=True,
        description=text.trend_heading(),
    )


def report_xlsx(report: PublicReport) -> bytes:
    facts: list[tuple[str, Any]] = [
        *text.date_lines(report),
        (_("Period covered"), text.period_sentence(report)),
    ]
    if report.release_number:
        facts.append((_("Release"), text.release_sentence(report)))
    facts += [(_("Method"), paragraph) for paragraph in text.method_note(report)]
    facts.append((_("Contact"), "; ".join(text.contact_lines(report))))
    about = About(
        text.report_title(report),
        district=report.district_name,
        facts=facts,
        confidentiality=_("Public: small counts are suppressed (see the method and legend)."),
        # The workbook's own legend explains the marker; the report adds what "—" means
        # and the threshold (the method note).
        legend=[
            (term, meaning)
            for term, meaning in text.legend(report)
            if term != report.suppressed_label
        ],
    )
    sheets = [_trend_sheet(report)] if report.trend else []
    sheets += [_xlsx_sheet(table) for table in report.tables]
    return xlsx_bytes(sheets, about=about)
