"""Cut-out code slips (PDF): ten to a Letter page, one access code on each.

A slip carries the survey's title in English and Spanish, the survey address (in
text and as a QR code), the code in large monospace, the close date and how the
code may be typed. The QR code holds the survey address only: a code never goes
into an address, where browser history, proxies and server logs would keep it.

The PDF is made once, from codes in clear text that exist only in memory while
the request that issued them runs (the database keeps hashes).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Table, TableStyle

from core.pdf import FONT, FONT_BOLD, escape_markup, fonts_registered, text_paragraph
from surveys.models import RespondentGroup

COLUMNS = 2
ROWS = 5
SLIPS_PER_PAGE = COLUMNS * ROWS
MARGIN = 0.5 * inch
PADDING = 8
QR_SIZE = 0.9 * inch
# The survey page's title in both languages: a slip is printed for readers of either,
# so it carries both, whatever the language of the person printing it.
TITLE = {"en": "School officer survey", "es": "Encuesta sobre policía escolar"}
# Reviewed for a middle-school reader: formal "usted", whole sentences rather than the
# English shorthand ("Capitals or not"), "sirve" (a code works) rather than "funciona".
TYPING_NOTE = (
    "Works once; your answers are anonymous. Capitals or not, dashes or not: "
    "0&nbsp;=&nbsp;O and 1&nbsp;=&nbsp;I&nbsp;=&nbsp;l.<br/>"
    "Su código sirve una sola vez y sus respuestas son anónimas. Puede escribirlo con "
    "mayúsculas o minúsculas, con guiones o sin ellos: 0&nbsp;=&nbsp;O y "
    "1&nbsp;=&nbsp;I&nbsp;=&nbsp;l."
)
SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def survey_qr(survey_url: str) -> Drawing:
    """A QR code of the survey address, QR_SIZE square (the same on every slip)."""
    widget = QrCodeWidget(value=survey_url, barBorder=0)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        QR_SIZE,
        QR_SIZE,
        transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0],
    )
    drawing.add(widget)
    return drawing


def close_date_text(day: datetime.date) -> str:
    """The close date in both languages, on two lines (paragraph markup). A campaign
    takes answers on its close date too (surveys.services.responses._check_open)."""
    return (
        f"Last day to answer: {day:%B} {day.day}, {day.year}<br/>"
        f"Último día para responder: {day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}"
    )


class CodeSlipsRenderer:
    """A Letter page of 2 x 5 cut-out slips with dashed cut lines between them."""

    page_size = LETTER
    title_style = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=10, leading=12)
    body_style = ParagraphStyle("body", fontName=FONT, fontSize=7.5, leading=9)
    code_style = ParagraphStyle(
        "code", fontName="Courier-Bold", fontSize=22, leading=24, alignment=1
    )
    note_style = ParagraphStyle("note", fontName=FONT, fontSize=6.5, leading=7.8)

    def __init__(
        self,
        *,
        campaign_name: str,
        school_name: str,
        group: str,
        survey_url: str,
        closes_on: datetime.date,
    ) -> None:
        self.campaign_name = campaign_name
        self.school_name = school_name
        self.group_label = RespondentGroup(group).label
        self.survey_url = survey_url
        self.closes_on = closes_on
        self.slip_width = (self.page_size[0] - 2 * MARGIN) / COLUMNS
        self.slip_height = (self.page_size[1] - 2 * MARGIN) / ROWS
        self.qr = survey_qr(survey_url)

    def _heading(self) -> Table:
        text_width = self.slip_width - 2 * PADDING - QR_SIZE
        words = [
            Paragraph(escape_markup(TITLE["en"]), self.title_style),
            Paragraph(escape_markup(TITLE["es"]), self.title_style),
            # Names are typed by people: escaped, so reportlab never reads them as markup.
            text_paragraph(
                f"{self.campaign_name} — {self.school_name} ({self.group_label})", self.body_style
            ),
            Paragraph(f"Go to / Vaya a: <b>{escape_markup(self.survey_url)}</b>", self.body_style),
            Paragraph(close_date_text(self.closes_on), self.body_style),
        ]
        heading = Table([[words, self.qr]], colWidths=[text_width, QR_SIZE])
        heading.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 6),
                    ("RIGHTPADDING", (1, 0), (1, 0), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return heading

    def _slip(self, code: str) -> list[Flowable]:
        return [
            self._heading(),
            text_paragraph(code, self.code_style),
            # What surveys.codes.normalise accepts: case, spaces and dashes are
            # ignored, and O reads as 0, I and l as 1 (codes have no O, I or L).
            Paragraph(TYPING_NOTE, self.note_style),
        ]

    def _cut_lines(self, canvas: Canvas) -> None:
        left, bottom = MARGIN, MARGIN
        right, top = self.page_size[0] - MARGIN, self.page_size[1] - MARGIN
        canvas.saveState()
        canvas.setStrokeColor(colors.grey)
        canvas.setLineWidth(0.75)
        canvas.setDash(3, 3)
        for column in range(COLUMNS + 1):
            x = left + column * self.slip_width
            canvas.line(x, bottom, x, top)
        for row in range(ROWS + 1):
            y = bottom + row * self.slip_height
            canvas.line(left, y, right, y)
        canvas.restoreState()

    def _draw_slip(self, canvas: Canvas, position: int, code: str) -> None:
        column, row = position % COLUMNS, position // COLUMNS
        frame = Frame(
            MARGIN + column * self.slip_width,
            self.page_size[1] - MARGIN - (row + 1) * self.slip_height,
            self.slip_width,
            self.slip_height,
            leftPadding=PADDING,
            rightPadding=PADDING,
            topPadding=PADDING,
            bottomPadding=PADDING,
            showBoundary=0,
        )
        # A long campaign or school name shrinks the slip's text rather than spill
        # onto the next slip.
        content = KeepInFrame(
            self.slip_width - 2 * PADDING,
            self.slip_height - 2 * PADDING,
            self._slip(code),
            mode="shrink",
        )
        frame.addFromList([content], canvas)

    def render(self, codes: Iterable[str]) -> bytes:
        fonts_registered()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=self.page_size)
        canvas.setTitle("Survey access codes")
        for position, code in enumerate(codes):
            if position and position % SLIPS_PER_PAGE == 0:
                canvas.showPage()
            if position % SLIPS_PER_PAGE == 0:
                self._cut_lines(canvas)
            self._draw_slip(canvas, position % SLIPS_PER_PAGE, code)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()
