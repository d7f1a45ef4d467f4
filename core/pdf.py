"""Putting user text into reportlab documents safely, in a font that can print it.

reportlab's ``Paragraph`` reads its text as markup, so a name or comment holding
``<font>`` or ``<a href>`` would be interpreted (or break the render). Every
user-supplied string goes in through ``text_paragraph``.

reportlab's built-in fonts (Helvetica, Times) cover Latin-1 only: "Łukasz" or
"Nguyễn" would print with black boxes. Every PDF of the product uses DejaVu Sans
(bundled in ``core/fonts``, embedded as a subset), which covers the Latin,
Greek and Cyrillic scripts. CJK scripts are not covered.
"""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

CELL_PADDING = 12  # reportlab's default table cell padding, 6 points each side
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_DIR = Path(__file__).resolve().parent / "fonts"


@functools.cache
def fonts_registered() -> bool:
    """Register the product's fonts with reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(FONT, _FONT_DIR / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, _FONT_DIR / "DejaVuSans-Bold.ttf"))
    # So that <b> in paragraph markup picks the bold face (no italic face is bundled).
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return True


def sample_styles() -> StyleSheet1:
    """reportlab's sample style sheet with its Helvetica and Times styles in the product's font."""
    fonts_registered()
    sheet = getSampleStyleSheet()
    for style in sheet.byName.values():
        name = getattr(style, "fontName", "")
        if name.startswith(("Helvetica", "Times")):
            style.fontName = FONT_BOLD if "Bold" in name else FONT
    return sheet


def escape_markup(value: object) -> str:
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def text_paragraph(value: object, style) -> Paragraph:
    return Paragraph(escape_markup(value), style)


def text_width(text: str, *, bold: bool = False, size: float = 8) -> float:
    """Points that ``text`` takes in the product's font."""
    fonts_registered()
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def table_column_widths(
    texts: list[list[str]], available: float, *, size: float = 8
) -> list[float]:
    """Column widths for a table of cell texts (the first row is the header, in bold).

    Every column gets at least its longest word, so no word is broken in the middle
    unless the page can't hold even that; what is left goes to the columns whose
    text is longer than that, in proportion to what they lack.
    """
    columns = max(len(row) for row in texts)
    header, body = texts[0], texts[1:]
    natural, least = [], []
    for i in range(columns):
        heading = header[i] if i < len(header) else ""
        cells = [row[i] for row in body if i < len(row)]
        words = [text_width(word, bold=True, size=size) for word in heading.split()]
        words += [text_width(word, size=size) for text in cells for word in text.split()]
        # A heading wraps between words, so only its longest word has to fit.
        full = max([*words, 0.0, *(text_width(text, size=size) for text in cells)])
        natural.append(min(available, full + CELL_PADDING))
        least.append(min(available, max(words, default=0.0) + CELL_PADDING))
    if sum(natural) <= available:
        return natural
    if sum(least) >= available:
        return [available * width / sum(least) for width in least]
    spare = available - sum(least)
    lacking = [n - m for n, m in zip(natural, least, strict=True)]
    return [m + spare * lack / sum(lacking) for m, lack in zip(least, lacking, strict=True)]
