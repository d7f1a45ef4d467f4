"""The public report as CSV, XLSX and PDF, rendered from the same ``PublicReport``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from activity.charts import drawing_bar_chart
from activity.selectors.report_tables import PublicReport, ReportTable
from core.pdf import FONT, FONT_BOLD, sample_styles, table_column_widths
from core.pdf import escape_markup as escape
from core.spreadsheets import About, Sheet, csv_bytes, xlsx_bytes

CSV_HEADER = ("table", "school", "measure", "value")


def _long_rows(report: PublicReport) -> Iterator[tuple[str, str, str, str]]:
    for table in report.tables:
        for row in table.rows:
            for column, cell in zip(table.columns[1:], row.cells, strict=True):
                yield table.title, row.label, column, cell.text


def report_csv(report: PublicReport) -> bytes:
    """One row per figure (long format), the text exactly as the page shows it."""
    return csv_bytes(CSV_HEADER, _long_rows(report))


def release_note(report: PublicReport) -> str:
    note = f"Release {report.release_number}, published on {report.released_on:%B %-d, %Y}"
    if report.released_while_running:
        note += (
            ", while the school year was still running: the figures count incidents up to that day"
        )
    return note + "."


def _xlsx_sheet(table: ReportTable) -> Sheet:
    """Shown figures as numbers (a share as a percent), hidden ones as the word."""
    rows = [
        [row.label, *(cell.text if cell.value is None else cell.value for cell in row.cells)]
        for row in table.rows
    ]
    formats = ["text"] + [
        "percent" if any(row.cells[i].text.endswith("%") for row in table.rows) else "text"
        for i in range(len(table.columns) - 1)
    ]
    return Sheet(table.title, table.columns, rows, formats, names_rows=True)


def report_xlsx(report: PublicReport) -> bytes:
    """The About sheet, then a sheet per table. Suppressed cells hold the word "suppressed"."""
    facts = [
        ("Period", f"{report.period_name} ({report.start_date} to {report.end_date})"),
        (
            "Suppression",
            f"Counts from 1 to {report.threshold - 1} show as {report.suppressed_label}, and so do "
            "some larger counts, so that no suppressed count can be worked out from the totals.",
        ),
    ]
    if report.released_on:
        facts.append(("Release", release_note(report)))
    about = About(
        f"{report.district_name}: law-enforcement activity in schools, {report.period_name}",
        district=report.district_name,
        facts=facts,
        confidentiality="Public: counts of fewer than the threshold are suppressed.",
    )
    return xlsx_bytes([_xlsx_sheet(table) for table in report.tables], about=about)


class ReportPdfRenderer:
    """Landscape letter pages: the summary, the charts, then every table."""

    page_size = landscape(letter)
    margin = 0.5 * inch
    font_size = 7

    def __init__(self, report: PublicReport) -> None:
        self.report = report

    def render(self) -> bytes:
        report = self.report
        styles = sample_styles()
        small = styles["BodyText"].clone(
            "small", fontSize=self.font_size + 1, leading=self.font_size + 3
        )
        cell_style = styles["BodyText"].clone(
            "cell", fontSize=self.font_size, leading=self.font_size + 2
        )
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=f"{report.district_name} — enforcement activity {report.period_name}",
        )
        story: list[Flowable] = [
            Paragraph(
                f"{escape(report.district_name)}: law-enforcement activity in schools, {report.period_name}",
                styles["Title"],
            ),
            Paragraph(
                f"From {report.start_date:%B %-d, %Y} to {report.end_date:%B %-d, %Y}. Counts from 1 to "
                f"{report.threshold - 1} are shown as {report.suppressed_label}, and so are some larger counts, so "
                "that no suppressed count can be worked out from the totals.",
                small,
            ),
        ]
        if report.released_on:
            story.append(Paragraph(escape(release_note(report)), small))
        story.append(Spacer(1, 8))
        for chart in report.charts:
            story.append(
                KeepTogether(
                    [
                        Paragraph(escape(chart.title), styles["Heading3"]),
                        drawing_bar_chart(chart, width=self.page_size[0] - 2 * self.margin),
                        Spacer(1, 6),
                    ]
                )
            )
        available = self.page_size[0] - 2 * self.margin
        for table in report.tables:
            texts = [
                list(table.columns),
                *([row.label, *(cell.text for cell in row.cells)] for row in table.rows),
            ]
            widths = table_column_widths(texts, available, size=self.font_size)
            data: list[list[Paragraph | str]] = [
                [Paragraph(f"<b>{escape(c)}</b>", cell_style) for c in table.columns]
            ]
            for row in table.rows:
                data.append(
                    [Paragraph(escape(row.label), cell_style), *(cell.text for cell in row.cells)]
                )
            grid = Table(data, colWidths=widths, repeatRows=1)
            style: list[tuple[Any, ...]] = [
                ("FONT", (0, 0), (-1, -1), FONT, self.font_size),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
            style += [
                ("FONTNAME", (0, i + 1), (-1, i + 1), FONT_BOLD)
                for i, row in enumerate(table.rows)
                if row.is_total
            ]
            grid.setStyle(TableStyle(style))
            story += [
                Paragraph(escape(table.title), styles["Heading3"]),
                Paragraph(escape(table.description), small),
                grid,
                Spacer(1, 10),
            ]
        doc.build(story)
        return buffer.getvalue()


def report_pdf(report: PublicReport) -> bytes:
    return ReportPdfRenderer(report).render()
