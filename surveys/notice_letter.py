"""The parents' notice as a printable letter (PDF): English, then Spanish.

One letter with both languages, each starting on its own page: a school sends
the same letter home to every family without knowing which language the home
reads, and no family gets only the language it doesn't. Each part says what the
public page says — dates, the protected areas in plain words, every question,
how to opt out and by when, the contact — with the page's address in text and as
a QR code, where the opt-out form is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import FONT, FONT_BOLD, escape_markup, fonts_registered
from core.pdf_pages import NumberedCanvas
from surveys.code_slips import survey_qr
from surveys.selectors.notices import NoticeContent


class _BilingualCanvas(NumberedCanvas):
    """NumberedCanvas's deferred pages, with "page N of M" in both languages."""

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#444444"))
            number = self.getPageNumber()
            self.drawRightString(
                LETTER[0] - 0.75 * inch,
                0.5 * inch,
                f"Page {number} of {total} · Página {number} de {total}",
            )
            super(NumberedCanvas, self).showPage()
        super(NumberedCanvas, self).save()


class NoticeLetterRenderer:
    """A Letter-size letter, one part per language in ``contents``."""

    page_size = LETTER
    margin = 0.75 * inch
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=8)
    heading = ParagraphStyle(
        "heading", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3
    )
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=5)
    small = ParagraphStyle(
        "small", fontName=FONT, fontSize=9, leading=12, textColor=colors.HexColor("#333333")
    )
    address = ParagraphStyle("address", fontName=FONT_BOLD, fontSize=11, leading=14)

    def __init__(self, *, contents: Sequence[NoticeContent], page_url: str) -> None:
        self.contents = contents
        self.page_url = page_url

    def render(self) -> bytes:
        fonts_registered()
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.page_size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title="Parents' notice · Aviso para padres de familia",
        )
        story: list[Any] = []
        for n, content in enumerate(self.contents):
            if n:
                story.append(PageBreak())
            with translation.override(content.language):
                story += self._part(content)
        doc.build(story, canvasmaker=_BilingualCanvas)
        return buffer.getvalue()

    def _p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape_markup(text), style or self.body)

    def _date(self, day: Any) -> str:
        return formats.date_format(day, "DATE_FORMAT")

    def _part(self, content: NoticeContent) -> list[Any]:
        notice = content.notice
        part: list[Any] = [
            self._p(gettext("Notice to parents: a student survey"), self.title),
            self._p(
                gettext(
                    "%(district)s will ask students some questions about the police officers "
                    "who work in their schools (School Resource Officers). The survey is "
                    "anonymous: students do not write their names."
                )
                % {"district": content.district_name}
            ),
            self._p(
                gettext("The survey runs from %(opens)s to %(closes)s.")
                % {"opens": self._date(content.opens_on), "closes": self._date(content.closes_on)}
            ),
            self._p(gettext("Schools:") + " " + ", ".join(s.name for s in content.schools)),
        ]
        if content.note:
            part.append(self._p(content.note))
        part.append(self._p(gettext("Your rights"), self.heading))
        if content.areas:
            part.append(
                self._p(
                    gettext(
                        "Some questions touch topics that a federal law, the Protection of "
                        "Pupil Rights Amendment (PPRA), protects:"
                    )
                )
            )
            part.append(self._bullets(content.areas))
        part.append(
            self._p(
                gettext(
                    "You have the right to read every question before the survey, and to say "
                    "no to your child taking it. Taking part is voluntary, and nothing happens "
                    "to a student who does not take it."
                )
            )
        )
        part.append(self._p(gettext("How to opt your child out"), self.heading))
        part.append(
            self._p(
                gettext(
                    "Open this page by %(deadline)s and fill in the form: your child's name, "
                    "school and grade. Your child will not get a code for the survey. You can "
                    "also tell the school or the contact below."
                )
                % {"deadline": self._date(content.deadline)}
            )
        )
        part.append(self._address())
        contact = [notice.contact_name, notice.contact_email, notice.contact_phone]
        part.append(self._p(gettext("Questions? Contact"), self.heading))
        part.append(self._p(" · ".join(c for c in contact if c)))
        part.append(self._p(gettext("What the survey asks"), self.heading))
        items: list[Any] = []
        for q in content.questions:
            lines: list[Flowable] = [self._p(q.text)]
            if q.choices:
                lines.append(
                    self._p(
                        gettext("Answers to choose from:") + " " + "; ".join(q.choices), self.small
                    )
                )
            if q.areas:
                lines.append(
                    self._p(
                        gettext("This question touches:") + " " + "; ".join(q.areas), self.small
                    )
                )
            # A question stays on one page with its answers and areas: a list of one,
            # kept together (a page that starts with a question's notes reads as nonsense).
            item: list[Any] = [ListItem(lines, value=q.number)]
            items.append(
                KeepTogether(
                    ListFlowable(
                        item,
                        bulletType="1",
                        bulletFontName=FONT,
                        bulletFontSize=10,
                    )
                )
            )
        part += items
        return part

    def _bullets(self, texts: list[str]) -> ListFlowable:
        items: list[Any] = [ListItem(self._p(t), leftIndent=12) for t in texts]
        return ListFlowable(
            items,
            bulletType="bullet",
            start="•",
            bulletFontName=FONT,
            leftIndent=14,
        )

    def _address(self) -> KeepTogether:
        """The page's address in text and as a QR code, side by side."""
        text = [
            self._p(gettext("The notice and the opt-out form online:"), self.small),
            Spacer(1, 3),
            self._p(self.page_url, self.address),
        ]
        table = Table(
            [[survey_qr(self.page_url), text]],
            colWidths=[1.1 * inch, None],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BOX", (0, 0), (-1, -1), 0.75, colors.HexColor("#0b4f8a")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            ),
        )
        return KeepTogether([Spacer(1, 4), table, Spacer(1, 4)])
