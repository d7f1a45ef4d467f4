"""The printable evaluation: one evaluation as a PDF a principal files and an officer
keeps, read from an ``EvaluationPrintout`` (plain values), never from the database."""

from __future__ import annotations

import datetime
import functools
import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import FONT, FONT_BOLD, sample_styles, table_column_widths, text_paragraph
from core.pdf_pages import numbered_canvas
from evaluations.models import PerformanceLevel
from evaluations.selectors.printing import EvaluationPrintout

FOOTER = "Confidential personnel record: share only with those entitled to read it"
SCALE = ", ".join(f"{level.value} {level.label}" for level in PerformanceLevel)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    """Built once per process: making a style sheet costs as much as a page."""
    sample = sample_styles()
    body = ParagraphStyle("EvaluationBody", parent=sample["BodyText"], fontSize=9, leading=12)
    return {
        "title": ParagraphStyle("EvaluationTitle", parent=sample["Title"], fontSize=18),
        "h2": ParagraphStyle("EvaluationH2", parent=sample["Heading3"], fontSize=11),
        "body": body,
        "cell": ParagraphStyle("EvaluationCell", parent=body, fontSize=8, leading=10),
        "head_cell": ParagraphStyle(
            "EvaluationHeadCell", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10
        ),
    }


def _when(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class EvaluationPdfRenderer:
    """One evaluation printed; page size, margins and styles are attributes."""

    pagesize = LETTER
    margin = 0.75 * inch
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def __init__(self, printout: EvaluationPrintout) -> None:
        self.printout = printout
        self.styles = _styles()

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    def render(self) -> bytes:
        buffer = io.BytesIO()
        summary = self.printout.evaluation
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=f"Evaluation of {self.printout.officer_name}, {summary.period_name}",
            author="SRO360",
        )
        document.build(self.story(), canvasmaker=numbered_canvas(FOOTER))
        return buffer.getvalue()

    def story(self) -> list[Flowable]:
        printout, summary = self.printout, self.printout.evaluation
        story: list[Flowable] = [
            self.text(f"Evaluation of {printout.officer_name}", "title"),
            self.facts(
                [
                    ("Officer", f"{printout.officer_name}, badge {printout.officer_badge}"),
                    ("Agency", printout.agency_name),
                    ("School", f"{summary.school_name} ({printout.district_name})"),
                    ("Period", summary.period_name),
                    ("Rubric", f"{summary.rubric_name}, version {summary.rubric_version}"),
                    ("Evaluator", summary.evaluator_name),
                    ("Status", summary.status_label),
                    ("Due", summary.due_date.isoformat()),
                    ("Overall rating", self.overall()),
                ]
            ),
            *self.section("Rating per competency", [self.ratings()]),
            *self.section("Commendations", [self.text(summary.commendations or "None recorded.")]),
            *self.section(
                "Observation notes",
                [
                    self.text(f"{note.observed_on.isoformat()}: {note.text}")
                    for note in summary.observation_notes
                ]
                or [self.text("No notes.")],
            ),
            *self.section("Signatures", [self.facts(self.signatures())]),
        ]
        if summary.officer_response:
            story += self.section("The officer's response", [self.text(summary.officer_response)])
        return story

    def overall(self) -> str:
        summary = self.printout.evaluation
        if summary.overall_level is None:
            return "Not yet rated"
        return (
            f"{summary.overall_label} (level {summary.overall_level}; weighted mean of levels "
            f"{summary.overall_score} on the scale {SCALE})"
        )

    def signatures(self) -> list[tuple[str, str]]:
        summary = self.printout.evaluation
        principal = (
            f"Signed by {summary.submitted_by_name} on {_when(summary.submitted_at)}"
            if summary.submitted_at
            else "Not signed"
        )
        supervisor = "Not reviewed"
        if summary.reviewed_at:
            supervisor = f"Reviewed by {summary.reviewed_by_name} on {_when(summary.reviewed_at)}"
            if summary.review_comment:
                supervisor += f": {summary.review_comment}"
        officer = "Not acknowledged"
        if summary.acknowledged_at:
            agreement = "agrees" if summary.officer_agrees else "disagrees"
            officer = (
                f"Seen by {self.printout.acknowledged_by_name} on "
                f"{_when(summary.acknowledged_at)}; {agreement}"
            )
        return [("Principal", principal), ("Supervisor", supervisor), ("Officer", officer)]

    def ratings(self) -> Table:
        rows = [["Competency", "Level", "Evidence"]]
        for competency in self.printout.evaluation.competencies:
            name = competency.name + (" (critical)" if competency.critical else "")
            level = (
                f"{competency.level} {competency.level_label}" if competency.level else "Not rated"
            )
            rows.append([name, level, competency.evidence or "—"])
        return self.table(rows, header=True)

    def facts(self, pairs: list[tuple[str, str]]) -> Table:
        return self.table([list(pair) for pair in pairs], header=False)

    def table(self, rows: list[list[str]], *, header: bool) -> Table:
        """Every cell a paragraph, so long text wraps; widths give each column its
        longest word, so no word is broken across lines."""
        # A table of facts has no header row; its labels, in bold, stand in for one
        # so that their words are measured in bold.
        texts = rows if header else [[" ".join(row[0] for row in rows), ""], *rows]
        widths = table_column_widths(texts, self.width)
        # A header row, or the label column of a table of facts, is bold.
        cells = [
            [
                text_paragraph(
                    text, self.styles["head_cell" if (i if header else j) == 0 else "cell"]
                )
                for j, text in enumerate(row)
            ]
            for i, row in enumerate(rows)
        ]
        table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
        table.setStyle(self.table_style)
        if not header:
            table.setStyle([("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e4ebf2"))])
        return table

    def section(self, title: str, content: list[Flowable]) -> list[Flowable]:
        # A new page when less than this is left, so no heading is stranded at a page
        # foot; not KeepTogether, which would push a long ratings table (and leave a
        # blank half page) to the next page whole.
        return [CondPageBreak(1.5 * inch), Spacer(1, 8), self.text(title, "h2"), *content]

    def text(self, value: str, style: str = "body") -> Flowable:
        return text_paragraph(value, self.styles[style])


def render_evaluation_pdf(printout: EvaluationPrintout) -> bytes:
    return EvaluationPdfRenderer(printout).render()
