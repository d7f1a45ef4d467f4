"""Putting user text into reportlab documents safely.

reportlab's ``Paragraph`` reads its text as markup, so a name or comment holding
``<font>`` or ``<a href>`` would be interpreted (or break the render). Every
user-supplied string goes in through ``text_paragraph``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph


def escape_markup(value: object) -> str:
    return escape("" if value is None else str(value)).replace("\n", "<br/>")


def text_paragraph(value: object, style) -> Paragraph:
    return Paragraph(escape_markup(value), style)
