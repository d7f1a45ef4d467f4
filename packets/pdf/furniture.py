"""Page furniture of the packet PDF: the footer on every page with "page N of M"."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from core.pdf import FONT

FOOTER = "Confidential personnel record"


class NumberedCanvas(canvas.Canvas):
    """Defers each page until the end so the footer can say "page N of M"."""

    footer_left = FOOTER

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
            super().showPage()
        super().save()


def numbered_canvas(footer: str) -> type[NumberedCanvas]:
    """The canvas class for one document, its footer naming the officer and period."""

    class PacketCanvas(NumberedCanvas):
        footer_left = footer

    return PacketCanvas
