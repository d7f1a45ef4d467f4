"""Table cells of the packet PDF: how a value is written and how wide a column is.

A word is never broken across lines: every column gets at least the width of its
longest word, and when the page can't hold that at the usual size the whole table
is set smaller (CELL_FONT_SIZES) before a word would be cut.
"""

from __future__ import annotations

from typing import Any

from core.pdf import CELL_PADDING, table_column_widths, text_width

WRAP_AT = 40  # cells longer than this are wrapped as paragraphs
CELL_FONT_SIZE = 8
CELL_FONT_SIZES = (CELL_FONT_SIZE, 7.0, 6.0, 5.0)  # tried in turn until every word fits
# reportlab compares a line's width with the cell's to the last fraction of a point;
# this keeps a word that fits exactly from wrapping on rounding.
WIDTH_SLACK = 0.5


def cell_text(value: Any, column_format: str = "text") -> str:
    """A value as the PDF writes it; ``column_format`` is the column's from the snapshot:
    percentages and decimals keep their decimals (66.7, 50.0) so a column reads alike."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if column_format == "percent":
        return f"{value:,.1f}"
    if column_format == "decimal" and isinstance(value, float):
        return f"{value:,.2f}"  # a count in a column of rates stays a whole number
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return f"{value:,}"


def cell_fits(text: str, width: float, *, bold: bool = False, size: float = CELL_FONT_SIZE) -> bool:
    """Whether ``text`` fits a column of ``width`` on one line (else it is wrapped as a paragraph)."""
    return len(text) <= WRAP_AT and text_width(text, bold=bold, size=size) + CELL_PADDING <= width


def longest_words(texts: list[list[str]], *, size: float = CELL_FONT_SIZE) -> list[float]:
    """Per column, the width its longest word needs (the header row is bold)."""
    columns = max(len(row) for row in texts)
    least = [0.0] * columns
    for index, row in enumerate(texts):
        for column, text in enumerate(row):
            words = [text_width(word, bold=index == 0, size=size) for word in text.split()]
            least[column] = max([least[column], *words])
    return [width + CELL_PADDING + WIDTH_SLACK for width in least]


def table_font_size(texts: list[list[str]], available: float) -> float:
    """The largest cell size at which every column can hold its longest word."""
    for size in CELL_FONT_SIZES:
        if sum(longest_words(texts, size=size)) <= available:
            return size
    return CELL_FONT_SIZES[-1]


def column_widths(
    texts: list[list[str]], available: float, *, size: float = CELL_FONT_SIZE
) -> list[float]:
    """Widths that give every column at least its longest word, then share what is left."""
    least = longest_words(texts, size=size)
    widths = table_column_widths(texts, available, size=size)
    if sum(least) > available:
        return widths
    short = [max(0.0, need - width) for need, width in zip(least, widths, strict=True)]
    if not any(short):
        return widths
    # Take what the slack needs from the columns wider than their longest word (never
    # more than they have above it; the total is then the longest words', which fit).
    spare = [max(0.0, width - need) for need, width in zip(least, widths, strict=True)]
    taken = min(sum(short), sum(spare))
    return [
        max(width, need) - (taken * room / sum(spare) if room else 0.0)
        for need, width, room in zip(least, widths, spare, strict=True)
    ]
