"""Page furniture of the packet PDF: the footer on every page with "page N of M" and
the version stamp (number, status, build date, the hash's first 12 hex)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable

from core.pdf import FONT

FOOTER = "Confidential personnel record"


class NumberedCanvas(canvas.Canvas):
    """Defers each page until the end so the footer can say "page N of M"."""

    footer_left = FOOTER
    # Set by ``StampMark`` on the first page; kept in every later page's state.
    stamp_line = ""

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
            if self.stamp_line:
                self.drawString(0.75 * inch, 0.35 * inch, self.stamp_line)
            super().showPage()
        super().save()


def numbered_canvas(footer: str) -> type[NumberedCanvas]:
    """The canvas class for one document, its footer naming the officer and period."""

    class PacketCanvas(NumberedCanvas):
        footer_left = footer

    return PacketCanvas


class StampMark(Flowable):
    """Takes no room; hands the version stamp's footer line to the canvas.

    The document builds its canvas from the footer text alone, while the stamp travels
    with the story: placed first on the cover, this mark sets the line on the canvas,
    and each page's saved state (``showPage``) carries it to every later page.
    """

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.stamp_line = self.line  # type: ignore[attr-defined]  # a NumberedCanvas attribute
