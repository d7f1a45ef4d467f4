"""The score per step as an inline SVG bar chart: for each step the share answered
(the pale bar) and the share met (the dark bar on it). Its ``desc`` holds the same
figures as text, for a screen reader."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 34
LABEL_WIDTH = 90
PLOT_WIDTH = 420
VALUE_WIDTH = 190
ANSWERED = "#c9d7e6"
MET = "#0b4f8a"


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


def svg_step_chart(sheet: dict[str, Any], *, title: str) -> SafeString:
    steps = sheet["steps"]
    height = ROW * len(steps) + 8
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    description = "; ".join(
        f"Step {s['step']}: {_percent(s['met_share'])} met,"
        f" {s['answered']} of {s['items']} items answered"
        for s in steps
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%"'
        ' role="img" aria-labelledby="step-chart-title step-chart-desc" class="step-chart">',
        f'<title id="step-chart-title">{escape(title)}</title>',
        f'<desc id="step-chart-desc">{escape(description)}</desc>',
    ]
    for index, step in enumerate(steps):
        y = 4 + index * ROW
        answered = PLOT_WIDTH * step["answered_share"]
        met = PLOT_WIDTH * step["met_share"]
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"Step {step['step']}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{PLOT_WIDTH}" height="24" fill="none"'
            ' stroke="#9aa7b4" stroke-width="0.5"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{answered:.1f}" height="24" fill="{ANSWERED}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 6}" width="{met:.1f}" height="12" fill="{MET}"/>',
            f'<text x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{y + 17}" font-size="13">'
            f"{_percent(step['met_share'])} met · {step['answered']}/{step['items']} answered</text>",
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
