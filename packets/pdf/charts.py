"""The summary page's bar charts, drawn with reportlab graphics."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from core.pdf import FONT, FONT_BOLD, fonts_registered


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
