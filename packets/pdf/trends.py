"""Small year-over-year charts for the summary page: one bar per period, its value
written above it, so the figure reads without an axis."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit

from core.pdf import FONT, FONT_BOLD, fonts_registered
from packets.pdf.cells import cell_text

BAR = colors.HexColor("#2f5d8a")
LATEST = colors.HexColor("#17324d")
TITLE_SIZE = 7.5
LABEL_SIZE = 7


def trend_chart(chart: dict, *, width: float, height: float) -> Drawing:
    """Bars for ``chart`` (a summary trend: labels are period names, oldest first);
    a period without the figure shows "n/a" instead of a bar."""
    fonts_registered()
    drawing = Drawing(width, height)
    # A title wider than its column wraps on spaces (six side by side leave ~80 pt each).
    title_lines = simpleSplit(chart["title"], FONT_BOLD, TITLE_SIZE, width - 4)
    for index, line in enumerate(title_lines):
        drawing.add(
            String(
                0,
                height - TITLE_SIZE * (index + 1) - index,
                line,
                fontName=FONT_BOLD,
                fontSize=TITLE_SIZE,
            )
        )
    title_height = (TITLE_SIZE + 1) * len(title_lines)
    values = chart["values"]
    top = chart.get("max") or max([v for v in values if v is not None] + [1])
    plot_bottom = LABEL_SIZE + 4
    plot_height = height - title_height - plot_bottom - LABEL_SIZE - 6
    slot = width / max(len(values), 1)
    bar_width = min(slot * 0.6, 28)
    for index, (label, value) in enumerate(zip(chart["labels"], values, strict=True)):
        centre = slot * index + slot / 2
        drawing.add(
            String(centre, 0, label, fontName=FONT, fontSize=LABEL_SIZE, textAnchor="middle")
        )
        if value is None:
            drawing.add(
                String(
                    centre,
                    plot_bottom,
                    "n/a",
                    fontName=FONT,
                    fontSize=LABEL_SIZE,
                    textAnchor="middle",
                )
            )
            continue
        bar_height = max(plot_height * value / top, 0.5)
        latest = index == len(values) - 1
        bar = Rect(centre - bar_width / 2, plot_bottom, bar_width, bar_height)
        bar.fillColor = LATEST if latest else BAR
        bar.strokeColor = None
        drawing.add(bar)
        drawing.add(
            String(
                centre,
                plot_bottom + bar_height + 2,
                cell_text(value),
                fontName=FONT_BOLD if latest else FONT,
                fontSize=LABEL_SIZE,
                textAnchor="middle",
            )
        )
    return drawing
