"""The packet PDF's summary page: what a supervisor reads first, on one page where the
figures allow — the headline rating, strengths and concerns, the officer beside the
district and the prior period, flags, cautions, the narrative, trends; then the key
figures and the sections' charts."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from core.pdf import FONT_BOLD
from packets.pdf.base import RendererBase
from packets.pdf.charts import bar_chart
from packets.pdf.trends import trend_chart

TREND_COLUMNS = 6  # one row: every headline measure side by side
TREND_HEIGHT = 0.95 * inch
CAUTION = colors.HexColor("#8a5a00")
BOX = TableStyle(
    [
        ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa7b4")),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6f9")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def figure(value: float | None) -> str:
    """Every comparison figure with two decimals, so a column reads evenly."""
    return "—" if value is None else f"{value:,.2f}"


class SummaryPage(RendererBase):
    def summary(self) -> list:
        summary = self.snapshot["summary"]
        flowables: list = [self.paragraph("Summary", self.h1)]
        if "headline" in summary:
            flowables.extend(self._reading(summary))
        flowables.extend(self._figures(summary))
        return flowables

    def _reading(self, summary: dict) -> list:
        """The part of the summary assembled for reading (packets/headline)."""
        flowables = [self._headline(summary["headline"]), Spacer(1, 6)]
        flowables.append(self._strengths_and_concerns(summary["strengths"], summary["concerns"]))
        comparisons = summary["comparisons"]
        flowables.append(
            KeepTogether(
                [
                    self.paragraph(comparisons["title"], self.h2),
                    self.table(
                        [
                            comparisons["columns"],
                            *[[row[0], *map(figure, row[1:])] for row in comparisons["rows"]],
                        ]
                    ),
                ]
            )
        )
        flags = summary["flags"]
        flowables.append(self.paragraph("Flags raised in the period", self.h2))
        if flags:
            flowables.append(self.table([["Rule", "Severity", "Status"], *flags]))
        else:
            flowables.append(self.paragraph("No flag was raised in this period.", self.body))
        if summary["cautions"]:
            caution = ParagraphStyle("PacketCaution", parent=self.body, textColor=CAUTION)
            flowables.append(self.paragraph("Read with caution", self.h2))
            flowables.extend(self.paragraph(f"• {text}", caution) for text in summary["cautions"])
        if summary["trends"]:
            flowables.append(self._trends(summary["trends"]))
        if summary["narrative"]:
            flowables.append(self.paragraph("In short", self.h2))
            flowables.extend(self.paragraph(text, self.body) for text in summary["narrative"])
        return flowables

    def _headline(self, headline: dict) -> Table:
        big = ParagraphStyle(
            "PacketHeadline", parent=self.body, fontName=FONT_BOLD, fontSize=14, leading=18
        )
        if headline["rating"] is None:
            first = self.paragraph("Rubric rating: none", big)
        else:
            first = self.paragraph(
                f"Rubric rating {figure(headline['rating'])}: {headline['rating_label']}", big
            )
        lines = [first, self.paragraph(headline["basis"], self.body)]
        lines.append(self.paragraph(f"Scale: {headline['scale']}.", self.body))
        box = Table([[lines]], colWidths=[self.pagesize[0] - 2 * self.margin], hAlign="LEFT")
        box.setStyle(BOX)
        return box

    def _strengths_and_concerns(self, strengths: list, concerns: list) -> Table:
        def listed(title: str, rows: list, empty: str) -> list:
            found = [self.paragraph(title, self.h2)]
            found.extend(
                self.paragraph(f"{name}: {label} ({figure(level)})", self.body)
                for name, level, label in rows
            )
            return found if rows else [*found, self.paragraph(empty, self.body)]

        half = (self.pagesize[0] - 2 * self.margin) / 2
        table = Table(
            [
                [
                    listed("Strengths", strengths, "No competency rated Proficient or above."),
                    listed("Concerns", concerns, "No competency rated below Proficient."),
                ]
            ],
            colWidths=[half, half],
            hAlign="LEFT",
        )
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    def _trends(self, trends: list) -> KeepTogether:
        width = (self.pagesize[0] - 2 * self.margin) / TREND_COLUMNS - 6
        charts = [trend_chart(chart, width=width, height=TREND_HEIGHT) for chart in trends]
        grid = [
            charts[i : i + TREND_COLUMNS]
            + [""] * (TREND_COLUMNS - len(charts[i : i + TREND_COLUMNS]))
            for i in range(0, len(charts), TREND_COLUMNS)
        ]
        return KeepTogether(
            [
                self.paragraph("Year over year", self.h2),
                Table(
                    grid,
                    colWidths=[width + 6] * TREND_COLUMNS,
                    hAlign="LEFT",
                    style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
                ),
            ]
        )

    def _figures(self, summary: dict) -> list:
        """The sections' key figures and charts."""
        flowables: list = []
        if summary["facts"]:
            flowables.append(
                KeepTogether(
                    [
                        self.paragraph("Key figures", self.h2),
                        self.table(
                            [["Measure", "Value"], *summary["facts"]],
                            widths=[2.4 * inch, 4.6 * inch],
                        ),
                    ]
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
            # Charts differ in height (wrapped labels): each row starts at its top.
            flowables.append(
                Table(
                    grid,
                    colWidths=[self.chart_width + 6] * 2,
                    style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
                )
            )
        else:
            flowables.append(
                self.paragraph("No section of this packet has figures to chart.", self.body)
            )
        return flowables
