"""The packet PDF, rendered from a snapshot alone (reportlab platypus).

Cover, a one-page summary with the sections' charts, every section's tables, and
a signature block; each page has its number and the confidential-record footer.
All text is drawn as text, so the PDF is searchable.
"""

from __future__ import annotations

import functools
import io
import math
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import (
    CELL_PADDING,
    FONT,
    FONT_BOLD,
    fonts_registered,
    sample_styles,
    table_column_widths,
    text_paragraph,
    text_width,
)
from packets.snapshot import content_hash

FOOTER = "Confidential personnel record"
WRAP_AT = 40  # cells longer than this are wrapped as paragraphs
KEEP_TOGETHER_ROWS = 15
CELL_FONT_SIZE = 8


def cell_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def bar_chart(chart: dict, *, width: float, height: float) -> Drawing:
    """A horizontal bar chart of one summary chart spec; empty values draw no bar."""
    drawing = Drawing(width, height)
    fonts_registered()
    drawing.add(String(0, height - 12, chart["title"], fontName=FONT_BOLD, fontSize=9))
    labels = chart["labels"] or ["(none)"]
    values = [v if v is not None else 0 for v in chart["values"]] or [0]
    bars = HorizontalBarChart()
    bars.x = 110
    bars.y = 8
    # types-reportlab declares the plot area's size as int; reportlab takes any number of points.
    bars.width = width - 120  # type: ignore[assignment]
    bars.height = height - 30  # type: ignore[assignment]
    bars.data = [values]
    bars.categoryAxis.categoryNames = [
        label if len(label) <= 24 else label[:23] + "…" for label in labels
    ]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.valueAxis.valueMin = 0
    top = chart.get("max") or max([*values, 1])
    step = max(math.ceil(top / 4), 1)
    bars.valueAxis.valueMax = step * 4 if not chart.get("max") else top
    bars.valueAxis.valueStep = step
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7
    bars.bars[0].fillColor = colors.HexColor("#2f5d8a")
    drawing.add(bars)
    return drawing


def cell_fits(text: str, width: float, *, bold: bool = False) -> bool:
    """Whether ``text`` fits a column of ``width`` on one line (else it is wrapped as a paragraph)."""
    return (
        len(text) <= WRAP_AT
        and text_width(text, bold=bold, size=CELL_FONT_SIZE) + CELL_PADDING <= width
    )


def column_widths(texts: list[list[str]], available: float) -> list[float]:
    return table_column_widths(texts, available, size=CELL_FONT_SIZE)


class _NumberedCanvas(canvas.Canvas):
    """Defers each page until the end so the footer can say "page N of M"."""

    footer_left = FOOTER

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        # Canvas's own page reset, which types-reportlab leaves out (it is private).
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(0.75 * inch, 0.5 * inch, self.footer_left)
            self.drawRightString(
                LETTER[0] - 0.75 * inch, 0.5 * inch, f"Page {self.getPageNumber()} of {total}"
            )
            super().showPage()
        super().save()


def _numbered_canvas(footer: str) -> type[_NumberedCanvas]:
    """The canvas class for one document, its footer naming the officer and period."""

    class PacketCanvas(_NumberedCanvas):
        footer_left = footer

    return PacketCanvas


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

    def __init__(
        self, snapshot: dict, *, version_label: str = "", sign_off: tuple[str, str] | None = None
    ) -> None:
        self.snapshot = snapshot
        self.version_label = version_label
        self.sign_off = (
            sign_off  # (supervisor's name, date) once the version is signed off in SRO360
        )
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
        document.build(self.story(), canvasmaker=_numbered_canvas(footer))
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
        if self.version_label:
            lines.append(self.version_label)
        lines.append(f"Content hash (sha256): {content_hash(self.snapshot)}")
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
        supervisor, signed_on = self.sign_off or ("", "")
        rows = [
            ["Role", "Name", "Signature", "Date"],
            [
                "Police supervisor",
                supervisor,
                "Signed off in SRO360" if self.sign_off else "",
                signed_on,
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


def render_packet_pdf(
    snapshot: dict, *, version_label: str = "", sign_off: tuple[str, str] | None = None
) -> bytes:
    return PacketPdfRenderer(snapshot, version_label=version_label, sign_off=sign_off).render()
