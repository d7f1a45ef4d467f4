"""The public report as a PDF: landscape letter pages, every one numbered "Page N of M"
with the report's publication and "data as of" dates in its footer."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import PropertySet
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
from activity.selectors.report_tables import (
    PublicReport,
    ReportChart,
    trend_charts,
    trend_measures,
)
from core.pdf import FONT, FONT_BOLD, sample_styles, table_column_widths
from core.pdf import escape_markup as escape
from core.pdf_pages import NumberedCanvas

from . import text

PAGE_SIZE = landscape(letter)


class _ReportCanvas(NumberedCanvas):
    """core.pdf_pages' canvas on a landscape page, its page label in the reader's language."""

    page_label = "Page %(page)s of %(total)s"

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(0.5 * inch, 0.4 * inch, self.footer_left)
            self.drawString(0.5 * inch, 0.26 * inch, self.footer_second_line)
            self.drawRightString(
                PAGE_SIZE[0] - 0.5 * inch,
                0.4 * inch,
                self.page_label % {"page": self.getPageNumber(), "total": total},
            )
            self.showPage_()
        self.save_()

    def showPage_(self) -> None:  # the base canvas's page end, past NumberedCanvas's deferral
        super(NumberedCanvas, self).showPage()

    def save_(self) -> None:
        super(NumberedCanvas, self).save()


def _canvas_for(report: PublicReport) -> type[_ReportCanvas]:
    dates = " · ".join(f"{label}: {day}" for label, day in text.date_lines(report))

    class ReportCanvas(_ReportCanvas):
        footer_left = f"{report.district_name} — {report.period_name}"
        footer_second_line = dates
        page_label = _("Page %(page)s of %(total)s")

    return ReportCanvas


class ReportPdfRenderer:
    """The summary (dates, period, method, legend, contact), the trends, the charts,
    then every table, each heading kept on the page of what follows it."""

    page_size = PAGE_SIZE
    margin = 0.5 * inch
    bottom_margin = 0.7 * inch  # room for the two footer lines
    font_size = 7

    def __init__(self, report: PublicReport) -> None:
        self.report = report
        styles = sample_styles()
        self.styles = styles
        self.small = styles["BodyText"].clone(
            "small", fontSize=self.font_size + 1, leading=self.font_size + 3
        )
        self.cell = styles["BodyText"].clone(
            "cell", fontSize=self.font_size, leading=self.font_size + 2
        )
        # A heading and the line under it never end a page: they go with what follows.
        self.heading = styles["Heading3"].clone("keep-heading", keepWithNext=1)
        self.lead = self.small.clone("keep-lead", keepWithNext=1)
        self.available = self.page_size[0] - 2 * self.margin

    def render(self) -> bytes:
        report = self.report
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.bottom_margin,
            title=text.report_title(report),
            lang=get_language() or "en",
        )
        story = self._summary() + self._trend() + self._charts(report.charts) + self._tables()
        doc.build(story, canvasmaker=_canvas_for(report))
        return buffer.getvalue()

    def _paragraph(self, value: str, style: PropertySet | None = None) -> Paragraph:
        return Paragraph(escape(value), style or self.small)

    def _summary(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [
            Paragraph(escape(text.report_title(report)), self.styles["Title"]),
            Paragraph(
                " · ".join(
                    f"<b>{escape(label)}:</b> {escape(day)}"
                    for label, day in text.date_lines(report)
                ),
                self.small,
            ),
            self._paragraph(text.period_sentence(report)),
        ]
        if report.release_number:
            story.append(self._paragraph(text.release_sentence(report)))
        story.append(self._paragraph(_("How to read this report"), self.heading))
        story += [self._paragraph(paragraph) for paragraph in text.method_note(report)]
        story += [
            Paragraph(f"<b>{escape(term)}</b>: {escape(meaning)}", self.small)
            for term, meaning in text.legend(report)
        ]
        story.append(self._paragraph(_("Contact"), self.heading))
        story += [self._paragraph(line) for line in text.contact_lines(report)]
        return story

    def _trend(self) -> list[Flowable]:
        trend = self.report.trend
        if not trend:
            return []
        rows = [[text.trend_label(year), *(cell.text for cell in year.cells)] for year in trend]
        story: list[Flowable] = [
            self._paragraph(text.trend_heading(), self.heading),
            self._paragraph(text.trend_note(trend), self.lead),
            self._grid([_("School year"), *trend_measures()], rows, total_rows=()),
            Spacer(1, 6),
        ]
        return story + self._charts(trend_charts(trend))

    def _charts(self, charts: tuple[ReportChart, ...]) -> list[Flowable]:
        return [
            KeepTogether(
                [
                    self._paragraph(chart.title, self.styles["Heading3"]),
                    drawing_bar_chart(chart, width=self.available),
                    Spacer(1, 6),
                ]
            )
            for chart in charts
        ]

    def _grid(
        self, columns: list[str], rows: list[list[str]], *, total_rows: tuple[int, ...]
    ) -> Table:
        widths = table_column_widths([columns, *rows], self.available, size=self.font_size)
        data: list[list[Paragraph | str]] = [
            [Paragraph(f"<b>{escape(c)}</b>", self.cell) for c in columns]
        ]
        data += [[Paragraph(escape(row[0]), self.cell), *row[1:]] for row in rows]
        grid = Table(data, colWidths=widths, repeatRows=1)
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, self.font_size),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        style += [("FONTNAME", (0, i + 1), (-1, i + 1), FONT_BOLD) for i in total_rows]
        grid.setStyle(TableStyle(style))
        return grid

    def _tables(self) -> list[Flowable]:
        story: list[Flowable] = []
        for table in self.report.tables:
            rows = [[row.label, *(cell.text for cell in row.cells)] for row in table.rows]
            totals = tuple(i for i, row in enumerate(table.rows) if row.is_total)
            story += [
                self._paragraph(table.title, self.heading),
                self._paragraph(table.description, self.lead),
                self._grid(list(table.columns), rows, total_rows=totals),
                Spacer(1, 10),
            ]
        return story


def report_pdf(report: PublicReport) -> bytes:
    return ReportPdfRenderer(report).render()
