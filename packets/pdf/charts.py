"""The packet's bar charts, drawn with reportlab graphics.

Every bar carries its value, every label is printed whole (wrapped on spaces over
as many lines as it needs, never cut with "…"), and a chart with nothing to show
says so instead of drawing empty axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from core.pdf import FONT, FONT_BOLD, fonts_registered, text_width

BAR_COLOUR = colors.HexColor("#2f5d8a")
# Favourable / neutral / unfavourable, the colours of the page's split_bar.
SPLIT_COLOURS = (colors.HexColor("#1f6fb2"), colors.HexColor("#b8bec6"), colors.HexColor("#c2571a"))
SPLIT_NAMES = ("Favourable", "Neutral", "Unfavourable")
LABEL_SIZE = 6.5
LABEL_SHARE = 0.42  # of the chart's width, for the category labels
LINE_HEIGHT = LABEL_SIZE + 1.5
TITLE_ROOM = 16


def wrapped(label: str, width: float, *, size: float = LABEL_SIZE) -> str:
    """``label`` broken on spaces into lines no wider than ``width`` (a longer single
    word keeps its own line whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and text_width(f"{lines[-1]} {word}", size=size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines) or "—"


def value_text(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    number = f"{value:,.1f}".removesuffix(".0") if value % 1 else f"{value:,.0f}"
    return f"{number}%" if unit == "%" else number


def _empty(drawing: Drawing, message: str, height: float) -> Drawing:
    drawing.add(String(0, height / 2, message, fontName=FONT, fontSize=8))
    return drawing


def _categories(bars: HorizontalBarChart, labels: Sequence[str], label_width: float) -> None:
    # Category 0 is drawn at the bottom; reversing keeps the reading order top-down.
    bars.categoryAxis.categoryNames = [wrapped(label, label_width) for label in reversed(labels)]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    bars.categoryAxis.labels.leading = LINE_HEIGHT
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.textAnchor = "end"
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = LABEL_SIZE
    bars.valueAxis.valueMin = 0


def chart_height(labels: Sequence[str], width: float, least: float) -> float:
    """A height that gives every wrapped label its lines."""
    label_width = width * LABEL_SHARE - 8
    lines = sum(wrapped(label, label_width).count("\n") + 1 for label in labels)
    return max(least, TITLE_ROOM + 14 + lines * LINE_HEIGHT + 4 * len(labels))


def bar_chart(chart: dict, *, width: float, height: float) -> Drawing:
    """A horizontal bar chart of one summary chart spec, a value at the end of each bar;
    a chart whose values are all empty or zero is a message, not blank axes."""
    fonts_registered()
    labels = list(chart["labels"])
    height = chart_height(labels, width, height)
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, chart["title"], fontName=FONT_BOLD, fontSize=9))
    if not any(labels) or not any(chart["values"]):
        return _empty(drawing, f"No {chart['title'].lower()} in this period.", height - 12)
    values = [v if v is not None else 0 for v in reversed(chart["values"])]
    shown = list(reversed(chart["values"]))
    left = width * LABEL_SHARE
    bars = HorizontalBarChart()
    # types-reportlab declares the plot area's place and size as int; reportlab takes any number of points.
    bars.x = left  # type: ignore[assignment]
    bars.y = 14
    bars.width = width - left - 22  # type: ignore[assignment]
    bars.height = height - TITLE_ROOM - 14  # type: ignore[assignment]
    bars.data = [values]
    _categories(bars, labels, left - 8)
    top = chart.get("max") or max([*values, 1])
    step = max(math.ceil(top / 4), 1)
    bars.valueAxis.valueMax = step * 4 if not chart.get("max") else top
    bars.valueAxis.valueStep = step
    bars.bars[0].fillColor = BAR_COLOUR
    bars.barLabelFormat = "values"  # reportlab's word for "print barLabelArray"
    bars.barLabelArray = [[value_text(v, chart.get("unit", "")) for v in shown]]
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = LABEL_SIZE
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 2
    drawing.add(bars)
    return drawing


def split_chart(
    title: str, rows: Sequence[tuple[str, Sequence[float] | None]], *, width: float
) -> Drawing:
    """One stacked favourable / neutral / unfavourable bar per question, in percent of
    its answers, with a legend; a hidden question gets the word "suppressed"."""
    fonts_registered()
    labels = [label for label, _ in rows]
    height = chart_height(labels, width, 60) + 14
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, title, fontName=FONT_BOLD, fontSize=9))
    left = width * LABEL_SHARE
    bars = HorizontalBarChart()
    # types-reportlab declares the plot area's place and size as int; reportlab takes any number of points.
    bars.x = left  # type: ignore[assignment]
    bars.y = 28
    bars.width = width - left - 8  # type: ignore[assignment]
    bars.height = height - TITLE_ROOM - 28  # type: ignore[assignment]
    split = [percents for _, percents in reversed(rows)]
    bars.data = [[(p[part] if p else 0) for p in split] for part in range(3)]
    bars.categoryAxis.style = "stacked"
    _categories(bars, labels, left - 8)
    bars.valueAxis.valueMax = 100
    bars.valueAxis.valueStep = 25
    bars.barLabelArray = [
        [value_text(p[part], "%") if p and p[part] >= 8 else "" for p in split] for part in range(3)
    ]
    bars.barLabels.fontName = FONT
    bars.barLabels.fontSize = LABEL_SIZE - 0.5
    bars.barLabels.boxAnchor = "e"  # inside the end of its segment
    bars.barLabels.dx = -2
    bars.barLabels.fillColor = colors.white
    bars.barLabels[1].fillColor = colors.black  # on the light grey of "neutral"
    bars.barLabelFormat = "values"  # reportlab's word for "print barLabelArray"
    for part, colour in enumerate(SPLIT_COLOURS):
        bars.bars[part].fillColor = colour
        bars.bars[part].strokeColor = colour
    drawing.add(bars)
    step = bars.height / max(len(rows), 1)
    for index, (_, percents) in enumerate(reversed(rows)):
        if percents is None:
            y = bars.y + step * (index + 0.5) - 2
            drawing.add(String(left + 4, y, "suppressed", fontName=FONT, fontSize=LABEL_SIZE))
    x = 0.0
    for name, colour in zip(SPLIT_NAMES, SPLIT_COLOURS, strict=True):
        swatch = Rect(x, 2, 8, 8)
        swatch.fillColor = swatch.strokeColor = colour
        drawing.add(swatch)
        drawing.add(String(x + 11, 3, name, fontName=FONT, fontSize=LABEL_SIZE))
        x += 16 + text_width(name, size=LABEL_SIZE)
    return drawing
