"""The packet PDF's summary page: what a supervisor reads first."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Spacer, Table

from packets.pdf.base import RendererBase
from packets.pdf.charts import bar_chart


class SummaryPage(RendererBase):
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
