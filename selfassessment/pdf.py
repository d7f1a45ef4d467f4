"""The self-assessment's printable summary, rendered from a sheet alone (a completed
assessment's snapshot, or the sheet of the day): the score per step as a table and a
bar chart, then every item under its step, Start and Improve, with its answer and
what it rests on (the evidence with its link, or the coordinator's note)."""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from core.pdf import FONT, FONT_BOLD, sample_styles, table_column_widths, text_paragraph
from core.pdf_pages import numbered_canvas
from selfassessment.checklist import checklist_title
from selfassessment.sheet import sheet_grouped

FOOTER = "SRO360 — SECURe self-assessment"
MET = colors.HexColor("#0b4f8a")
ANSWERED = colors.HexColor("#c9d7e6")


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


@functools.cache
def _styles() -> tuple[ParagraphStyle, ...]:
    """Built once per process: making a style sheet costs as much as a page."""
    sample = sample_styles()
    body = ParagraphStyle("SABody", parent=sample["BodyText"], fontSize=9, leading=12)
    cell = ParagraphStyle("SACell", parent=body, fontSize=8, leading=10)
    return (
        body,
        ParagraphStyle("SATitle", parent=sample["Title"], fontSize=18, leading=24),
        ParagraphStyle("SAH1", parent=sample["Heading2"], fontSize=13, spaceBefore=10),
        ParagraphStyle("SAH2", parent=sample["Heading4"], fontSize=10, spaceBefore=6),
        cell,
        ParagraphStyle("SAHead", parent=cell, fontName=FONT_BOLD),
    )


class SummaryPdfRenderer:
    """One sheet; page size, margins and styles are attributes."""

    pagesize = LETTER
    margin = 0.75 * inch
    chart_row = 22

    def __init__(self, sheet: dict[str, Any]) -> None:
        self.sheet = sheet
        self.body, self.title, self.h1, self.h2, self.cell, self.head = _styles()
        self.width = self.pagesize[0] - 2 * self.margin

    def render(self) -> bytes:
        buffer = io.BytesIO()
        sheet = self.sheet
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=f"SECURe self-assessment: {sheet['district']} {sheet['period']}",
            author="SRO360",
        )
        footer = f"{FOOTER} — {sheet['district']} — {sheet['period']}"
        document.build(self.story(), canvasmaker=numbered_canvas(footer, self._stand_line()))
        return buffer.getvalue()

    def _stand_line(self) -> str:
        sheet = self.sheet
        if sheet.get("completed_on"):
            return f"Completed on {sheet['completed_on']}; {checklist_title(sheet['checklist'])}"
        return (
            f"In progress: evidence as of {sheet['as_of']}; {checklist_title(sheet['checklist'])}"
        )

    def story(self) -> list:
        sheet = self.sheet
        total = sheet["total"]
        story: list = [
            text_paragraph(f"SECURe self-assessment — {sheet['district']}", self.title),
            text_paragraph(f"School year {sheet['period']}. {self._stand_line()}.", self.body),
            text_paragraph(
                f"{total['answered']} of {total['items']} items answered"
                f" ({total['from_evidence']} from the district's evidence);"
                f" {_percent(total['met_share'])} met overall (yes counts 1, partly 0.5).",
                self.body,
            ),
            Spacer(1, 8),
            text_paragraph("Score per step", self.h1),
            self.table(
                [
                    ["Step", "Answered", "Met"],
                    *[
                        [
                            f"{s['step']}. {s['title']}",
                            f"{s['answered']} of {s['items']}",
                            _percent(s["met_share"]),
                        ]
                        for s in sheet["steps"]
                    ],
                ]
            ),
            Spacer(1, 6),
            self.chart(),
        ]
        for step in sheet_grouped(sheet):
            # The step's heading never ends a page: it goes with its first table.
            lead = [text_paragraph(f"Step {step['step']}. {step['title']}", self.h1)]
            for kind in step["kinds"]:
                rows = [["Item", "Answer", "Rests on"]]
                rows += [[i["text"], i["answer_label"], self._basis(i)] for i in kind["items"]]
                heading = text_paragraph(kind["label"], self.h2)
                story.append(KeepTogether([*lead, heading, self.table(rows, self.item_widths)]))
                lead = []
        return story

    def _basis(self, item: dict[str, Any]) -> str:
        if item["source"] == "evidence":
            return f"Evidence: {item['detail']} ({item['url']})"
        return f"Coordinator: {item['detail']}" if item["detail"] else "—"

    @property
    def item_widths(self) -> list[float]:
        """Every step's tables line up: the item, its answer, what it rests on."""
        return [self.width * 0.43, self.width * 0.14, self.width * 0.43]

    def table(self, rows: list[list[str]], widths: list[float] | None = None) -> Table:
        widths = widths or table_column_widths(rows, self.width)
        body = [
            [text_paragraph(cell, self.head if index == 0 else self.cell) for cell in row]
            for index, row in enumerate(rows)
        ]
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    def chart(self) -> Drawing:
        """Per step, the share answered (pale) and the share met (dark) on one scale."""
        steps = self.sheet["steps"]
        label, plot = 50, self.width - 150
        drawing = Drawing(self.width, self.chart_row * len(steps) + 4)
        for index, step in enumerate(reversed(steps)):
            y = 2 + index * self.chart_row
            drawing.add(
                String(
                    label - 6,
                    y + 6,
                    f"Step {step['step']}",
                    fontName=FONT,
                    fontSize=8,
                    textAnchor="end",
                )
            )
            drawing.add(_bar(label, y, plot, 16, None, colors.grey))
            drawing.add(_bar(label, y, plot * step["answered_share"], 16, ANSWERED, None))
            drawing.add(_bar(label, y + 4, plot * step["met_share"], 8, MET, None))
            text = f"{_percent(step['met_share'])} met, {step['answered']}/{step['items']} answered"
            drawing.add(String(label + plot + 6, y + 6, text, fontName=FONT, fontSize=8))
        return drawing


def _bar(
    x: float, y: float, width: float, height: float, fill: Color | None, stroke: Color | None
) -> Rect:
    bar = Rect(x, y, width, height)
    bar.fillColor, bar.strokeColor, bar.strokeWidth = fill, stroke, 0.25
    return bar


def render_summary_pdf(sheet: dict[str, Any]) -> bytes:
    return SummaryPdfRenderer(sheet).render()
