"""Table cells of the packet PDF: how a value is written and how wide a column is."""

from __future__ import annotations

from typing import Any

from core.pdf import CELL_PADDING, table_column_widths, text_width

WRAP_AT = 40  # cells longer than this are wrapped as paragraphs
CELL_FONT_SIZE = 8


def cell_text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def cell_fits(text: str, width: float, *, bold: bool = False) -> bool:
    """Whether ``text`` fits a column of ``width`` on one line (else it is wrapped as a paragraph)."""
    return (
        len(text) <= WRAP_AT
        and text_width(text, bold=bold, size=CELL_FONT_SIZE) + CELL_PADDING <= width
    )


def column_widths(texts: list[list[str]], available: float) -> list[float]:
    return table_column_widths(texts, available, size=CELL_FONT_SIZE)
