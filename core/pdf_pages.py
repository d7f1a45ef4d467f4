"""The footer every PDF of SRO360 carries: a confidentiality line, "Page N of M" and,
where the document has one, a second line (a packet's version stamp)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from core.pdf import FONT


class NumberedCanvas(canvas.Canvas):
    """Defers each page until the end so the footer can say "page N of M"."""

    footer_left = ""
    footer_second_line = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        # Canvas's own page reset, which types-reportlab leaves out (it is private).
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(0.75 * inch, 0.5 * inch, self.footer_left)
            self.drawRightString(
                LETTER[0] - 0.75 * inch, 0.5 * inch, f"Page {self.getPageNumber()} of {total}"
            )
            if self.footer_second_line:
                self.drawString(0.75 * inch, 0.35 * inch, self.footer_second_line)
            super().showPage()
        super().save()


def numbered_canvas(footer: str, second_line: str = "") -> type[NumberedCanvas]:
    """The canvas class for one document, with its footer lines."""

    class DocumentCanvas(NumberedCanvas):
        footer_left = footer
        footer_second_line = second_line

    return DocumentCanvas
