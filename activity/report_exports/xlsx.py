"""The public report as a workbook: the About sheet (dates, period, method, legend,
contact), a sheet of trends, then a sheet per table, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from activity.selectors.report_labels import table_text
from activity.selectors.report_tables import PublicReport, ReportTable, trend_measures
from core.spreadsheets import About, Sheet, xlsx_bytes

from . import text

# How each table's figures are shown on the page, so the cells hold the same rounded
# numbers: rates to one decimal, relative rates to two, the share to a whole percent.
_RATES_DIGITS = (0, 1, 1, 0)
_RATES_FORMATS = ("integer", "decimal", "decimal", "percent")


def _formats(table: ReportTable) -> list[str]:
    count = len(table.columns) - 1
    if table.slug == "rates":
        return ["text", *_RATES_FORMATS]
    if table.slug.startswith("relative-"):
        return ["text"] + ["decimal"] * count
    return ["text"] + ["integer"] * count


def _number(value: float, slug: str, index: int) -> float | int:
    if slug == "rates":
        digits = _RATES_DIGITS[index]
        return round(value) if digits == 0 else round(value, digits)
    if slug.startswith("relative-"):
        return round(value, 2)
    return round(value)


def _xlsx_sheet(table: ReportTable) -> Sheet:
    """Shown figures as numbers (the share as a percent), hidden ones as the marker."""
    rows = [
        [
            row.label,
            *(
                cell.text if cell.value is None else _number(cell.value, table.slug, index)
                for index, cell in enumerate(row.cells)
            ),
        ]
        for row in table.rows
    ]
    words = table_text(table.slug)
    return Sheet(
        words.sheet if words else table.title,
        table.columns,
        rows,
        _formats(table),
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
                values.append(round(cell.value))
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
        legend=text.legend(report),
    )
    sheets = [_trend_sheet(report)] if report.trend else []
    sheets += [_xlsx_sheet(table) for table in report.tables]
    return xlsx_bytes(sheets, about=about)
