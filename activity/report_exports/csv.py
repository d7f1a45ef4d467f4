"""The public report as one CSV: a row per figure, with the dates and method note first.

The column names are fixed English identifiers a program can rely on (``table_id`` is
the table's stable slug; ``about`` and ``trend`` name the non-table rows); the words in
the rows (table titles, row and measure names, notes) are in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from activity.selectors.report_tables import PublicReport, trend_measures
from core.spreadsheets import csv_bytes

from . import text

CSV_HEADER = ("table_id", "table", "row", "measure", "value")
ABOUT, TREND = "about", "trend"


def _about_rows(report: PublicReport) -> Iterator[tuple[str, str, str, str, str]]:
    about = _("About this report")
    title = text.report_title(report)
    yield ABOUT, about, title, _("Report"), title
    for label, day in text.date_lines(report):
        yield ABOUT, about, title, label, day
    yield ABOUT, about, title, _("Period covered"), text.period_sentence(report)
    for paragraph in text.method_note(report):
        yield ABOUT, about, title, _("Method"), paragraph
    for term, meaning in text.legend(report):
        yield ABOUT, about, title, _("Legend: %(term)s") % {"term": term}, meaning
    yield ABOUT, about, title, _("Contact"), "; ".join(text.contact_lines(report))


def _trend_rows(report: PublicReport) -> Iterator[tuple[str, str, str, str, str]]:
    heading = text.trend_heading()
    for year in report.trend:
        for measure, cell in zip(trend_measures(), year.cells, strict=True):
            yield TREND, heading, text.trend_label(year), measure, cell.text


def _figure_rows(report: PublicReport) -> Iterator[tuple[str, str, str, str, str]]:
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns[1:], row.cells, strict=True):
                yield table.slug, table.title, row.label, column, cell.text


def report_csv(report: PublicReport) -> bytes:
    """The text of every figure exactly as the page shows it (long format)."""
    rows = (*_about_rows(report), *_trend_rows(report), *_figure_rows(report))
    return csv_bytes(CSV_HEADER, rows)
