"""Putting user text into reportlab documents safely, in a font that can print it.

reportlab's ``Paragraph`` reads its text as markup, so a name or comment holding
``<font>`` or ``<a href>`` would be interpreted (or break the render). Every
user-supplied string goes in through ``text_paragraph``.

reportlab's built-in fonts (Helvetica, Times) cover Latin-1 only: "Łukasz" or
"Nguyễn" would print with black boxes. Every PDF of the product uses DejaVu Sans
(bundled in ``roster/fonts``, embedded as a subset), which covers the Latin,
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
