"""Bar charts drawn on the server: SVG for the page, reportlab drawings for the PDF.

Both take the report's ``ReportChart``; a suppressed bar is not drawn, its label says
so, and the chart's ``description`` is its text alternative. A long label wraps onto
more lines and its bar's row grows with it: a label cut short ("ative Hawaiian…") is
a group nobody can name.
"""

from __future__ import annotations

import textwrap

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from activity.selectors.report_tables import ReportChart

BAR_HEIGHT = 22
LINE_HEIGHT = 15
LABEL_CHARACTERS = 34  # at 13 px, what fits in LABEL_WIDTH
LABEL_WIDTH = 260
PLOT_WIDTH = 360
VALUE_WIDTH = 190
COLOUR = "#0b4f8a"


def _scale(chart: ReportChart) -> float:
    values = [bar.value for bar in chart.bars if bar.value is not None]
    top = max([*values, chart.reference or 0, 0])
    return top or 1.0


def svg_bar_chart(chart: ReportChart) -> SafeString:
    top = _scale(chart)
    labels = [textwrap.wrap(bar.label, LABEL_CHARACTERS) or [""] for bar in chart.bars]
    rows = [BAR_HEIGHT + LINE_HEIGHT * (len(lines) - 1) for lines in labels]
    bottom = sum(rows) + 4
    height = bottom + 26
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    title_id, desc_id = f"chart-{chart.slug}-title", f"chart-{chart.slug}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(chart.title)}</title>',
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>',
    ]
    y = 4
    for bar, lines, row in zip(chart.bars, labels, rows, strict=True):
        spans = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" font-size="13" fill="#1b1b1b">'
            f"{spans}</text>"
        )
        length = 0.0 if bar.value is None else PLOT_WIDTH * bar.value / top
        if length:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{BAR_HEIGHT - 6}" fill="{COLOUR}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}" font-size="13" fill="#1b1b1b">{escape(bar.text)}</text>'
        )
        y += row
    if chart.reference is not None:
        x = LABEL_WIDTH + PLOT_WIDTH * chart.reference / top
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{bottom}" stroke="#a30000" stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 18}" font-size="12" fill="#a30000" text-anchor="middle">'
            f"{escape(chart.reference_label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def drawing_bar_chart(chart: ReportChart, *, width: float = 700):
    """A reportlab Drawing of the same bars, for the PDF."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.utils import simpleSplit

    from core.pdf import FONT, fonts_registered

    fonts_registered()

    top = _scale(chart)
    bar_height, line_height = 14, 9
    label_width, value_width = 200, 150
    plot = width - label_width - value_width
    labels = [simpleSplit(bar.label, FONT, 8, label_width - 10) or [""] for bar in chart.bars]
    rows = [bar_height + line_height * (len(lines) - 1) for lines in labels]
    height = sum(rows) + 24
    drawing = Drawing(width, height)
    top_of_row = height - 4
    for bar, lines, row in zip(chart.bars, labels, rows, strict=True):
        top_of_row -= row
        y = top_of_row + row - bar_height  # the bar sits beside the label's first line
        for number, line in enumerate(lines):
            drawing.add(
                String(
                    label_width - 6,
                    y + 3 - number * line_height,
                    line,
                    fontName=FONT,
                    fontSize=8,
                    textAnchor="end",
                )
            )
        length = 0.0 if bar.value is None else plot * bar.value / top
        if length:
            # types-reportlab writes Rect's **kw as `_SolidShapeKwArgs` without Unpack, so
            # it wants each keyword to be the whole TypedDict.
            drawing.add(
                Rect(
                    label_width,
                    y + 1,
                    length,
                    bar_height - 4,
                    fillColor=colors.HexColor(COLOUR),  # type: ignore[arg-type]
                    strokeColor=None,  # type: ignore[arg-type]
                )
            )
        drawing.add(String(label_width + length + 4, y + 3, bar.text, fontName=FONT, fontSize=8))
    if chart.reference is not None:
        x = label_width + plot * chart.reference / top
        drawing.add(
            Line(x, 14, x, height, strokeColor=colors.HexColor("#a30000"), strokeDashArray=[3, 2])
        )
        drawing.add(
            String(
                x,
                3,
                chart.reference_label,
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
                fillColor=colors.HexColor("#a30000"),
            )
        )
    return drawing
