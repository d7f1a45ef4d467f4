"""The packet PDF, rendered from a snapshot alone (reportlab platypus).

Cover, a one-page summary with the sections' charts, every section's tables, and
a signature block; each page has its number and the confidential-record footer.
All text is drawn as text, so the PDF is searchable.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import FONT, FONT_BOLD, sample_styles, text_paragraph
from packets.pdf.cells import cell_fits, cell_text, column_widths
from packets.pdf.charts import bar_chart
from packets.pdf.furniture import FOOTER, numbered_canvas
from packets.snapshot import content_hash
from packets.stamp import VersionStamp, preview_stamp

KEEP_TOGETHER_ROWS = 15


@functools.cache
def _styles() -> dict[str, Any]:
    """Built once per process: making a style sheet costs as much as a page."""
    sample = sample_styles()
    body = ParagraphStyle("PacketBody", parent=sample["BodyText"], fontSize=9, leading=12)
    h1 = ParagraphStyle("PacketH1", parent=sample["Heading1"], fontSize=15, spaceBefore=6)
    return {
        "title": ParagraphStyle("PacketTitle", parent=sample["Title"], fontSize=22, leading=28),
        "h1": h1,
        "h2": ParagraphStyle("PacketH2", parent=sample["Heading3"], fontSize=11, spaceBefore=8),
        "body": body,
        "centred": ParagraphStyle("PacketCentred", parent=body, alignment=1),
        "cover_name": ParagraphStyle(
            "PacketCoverName", parent=h1, fontSize=20, leading=26, alignment=1
        ),
        "cell": ParagraphStyle("PacketCell", parent=body, fontSize=8, leading=10),
        "head_cell": ParagraphStyle(
            "PacketHeadCell", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10
        ),
        "table": TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    }


class PacketPdfRenderer:
    """Renders one snapshot; page size, margins and styles are attributes."""

    pagesize = LETTER
    margin = 0.75 * inch
    chart_width = 3.4 * inch
    chart_height = 1.9 * inch

    def __init__(self, snapshot: dict, *, stamp: VersionStamp | None = None) -> None:
        self.snapshot = snapshot
        self.stamp = stamp or preview_stamp(content_hash(snapshot))
        styles = _styles()
        self.title_style = styles["title"]
        self.h1 = styles["h1"]
        self.h2 = styles["h2"]
        self.body = styles["body"]
        self.centred = styles["centred"]
        self.cover_name = styles["cover_name"]
        self.cell = styles["cell"]
        self.head_cell = styles["head_cell"]
        self.table_style = styles["table"]

    def render(self) -> bytes:
        buffer = io.BytesIO()
        officer = self.snapshot["officer"]
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=f"Evaluation packet: {officer['name']} {self.snapshot['period']['name']}",
            author="SRO360",
        )
        footer = f"{FOOTER} — {officer['name']} — {self.snapshot['period']['name']}"
        document.build(self.story(), canvasmaker=numbered_canvas(footer))
        return buffer.getvalue()

    def story(self) -> list:
        return [
            *self.cover(),
            PageBreak(),
            *self.summary(),
            PageBreak(),
            *[
                flowable
                for section in self.snapshot["sections"]
                for flowable in self.section(section)
            ],
            *self.signature_block(),
        ]

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        return text_paragraph(text, style)

    def cover(self) -> list:
        officer = self.snapshot["officer"]
        period = self.snapshot["period"]
        lines = [
            f"Badge {officer['badge_number']}, {officer['agency_name']}",
            f"{self.snapshot['district']['name']}",
            f"Evaluation period {period['name']}: {period['start']} to {period['end']}",
        ]
        lines.append(self.stamp.label)
        lines.append(f"Content hash (sha256): {self.stamp.content_hash}")
        return [
            Spacer(1, 1.6 * inch),
            self.paragraph("Annual evaluation packet", self.title_style),
            Spacer(1, 0.3 * inch),
            self.paragraph(officer["name"], self.cover_name),
            Spacer(1, 0.3 * inch),
            *[self.paragraph(line, self.centred) for line in lines],
            Spacer(1, 0.6 * inch),
            self.paragraph(
                f"{FOOTER}. This packet holds personnel information about one officer; share it only "
                "with the people entitled to review it.",
                self.body,
            ),
        ]

    def summary(self) -> list:
        summary = self.snapshot["summary"]
        flowables: list = [self.paragraph("Summary", self.h1)]
        if summary["facts"]:
            flowables.append(
                self.table(
                    [["Measure", "Value"], *summary["facts"]], widths=[2.4 * inch, 4.6 * inch]
                )
            )
        charts = [
            bar_chart(chart, width=self.chart_width, height=self.chart_height)
            for chart in summary["charts"]
        ]
        if charts:
            flowables.append(Spacer(1, 8))
            grid = [
                charts[i : i + 2] + [""] * (2 - len(charts[i : i + 2]))
                for i in range(0, len(charts), 2)
            ]
            flowables.append(Table(grid, colWidths=[self.chart_width + 6] * 2))
        else:
            flowables.append(
                self.paragraph("No section of this packet has figures to chart.", self.body)
            )
        return flowables

    def section(self, section: dict) -> list:
        flowables: list = [self.paragraph(section["title"], self.h1)]
        flowables.extend(self.paragraph(note, self.body) for note in section["notes"])
        for table in section["tables"]:
            heading = self.paragraph(table["title"], self.h2)
            if not table["rows"]:
                flowables.extend([heading, self.paragraph("None in this period.", self.body)])
            elif len(table["rows"]) < KEEP_TOGETHER_ROWS:
                flowables.append(
                    KeepTogether([heading, self.table([table["columns"], *table["rows"]])])
                )
            else:
                flowables.extend([heading, self.table([table["columns"], *table["rows"]])])
        flowables.append(Spacer(1, 10))
        return flowables

    def table(self, rows: list[list[Any]], widths: list[float] | None = None) -> Table:
        texts = [[cell_text(value) for value in row] for row in rows]
        widths = widths or column_widths(texts, self.pagesize[0] - 2 * self.margin)
        body = [
            [
                text
                if cell_fits(text, width, bold=index == 0)
                else self.paragraph(text, self.head_cell if index == 0 else self.cell)
                for text, width in zip(row, widths, strict=False)
            ]
            for index, row in enumerate(texts)
        ]
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(self.table_style)
        return table

    def signature_block(self) -> list:
        stamp = self.stamp
        signed = stamp.status in ("signed_off", "acknowledged")
        rows = [
            ["Role", "Name", "Signature", "Date"],
            [
                "Police supervisor",
                stamp.reviewed_by if signed else "",
                "Signed off in SRO360" if signed else "",
                stamp.reviewed_at if signed else "",
            ],
            ["Officer (acknowledges receipt)", self.snapshot["officer"]["name"], "", ""],
        ]
        table = Table(
            rows,
            colWidths=[2.0 * inch, 1.9 * inch, 2.1 * inch, 1.0 * inch],
            rowHeights=[16, 34, 34],
        )
        table.setStyle(self.table_style)
        return [
            KeepTogether(
                [
                    self.paragraph("Signatures", self.h1),
                    self.paragraph(
                        "The supervisor's signature locks this version of the packet. The officer's "
                        "signature acknowledges receipt, not agreement; the officer may attach a response.",
                        self.body,
                    ),
                    Spacer(1, 6),
                    table,
                ]
            )
        ]


def render_packet_pdf(snapshot: dict, *, stamp: VersionStamp | None = None) -> bytes:
    return PacketPdfRenderer(snapshot, stamp=stamp).render()
