"""The packet PDF, rendered from a snapshot alone (reportlab platypus).

Cover, a one-page summary with the sections' charts, every section's tables, and
a signature block; each page has its number and the confidential-record footer.
All text is drawn as text, so the PDF is searchable. The parts live beside this
module: ``stamped`` (cover, signatures), ``summary_page``, ``base`` (styles, tables).
"""

from __future__ import annotations

import io

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
)

from core.pdf_pages import numbered_canvas
from packets.pdf.charts import split_chart
from packets.pdf.furniture import FOOTER
from packets.pdf.stamped import StampedPages
from packets.pdf.summary_page import SummaryPage
from packets.sections.surveys import SPLIT_COLUMNS
from packets.stamp import VersionStamp

KEEP_TOGETHER_ROWS = 15
# A heading starts a page rather than end one: it needs room for itself and this
# many rows of its table below it, or it moves to the next page with them.
LEAD_ROWS = 3
# A drawing can't break across pages: a long questionnaire's bars come in parts.
SPLIT_BARS_PER_CHART = 20


class PacketPdfRenderer(StampedPages, SummaryPage):
    """Renders one snapshot: the cover, summary, sections and signatures in order."""

    def render(self) -> bytes:
        buffer = io.BytesIO()
        officer = self.snapshot["officer"]
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=f"Evaluation packet: {officer['name']} {self.snapshot['period']['name']}",
            author="SRO360",
        )
        footer = f"{FOOTER} — {officer['name']} — {self.snapshot['period']['name']}"
        document.build(self.story(), canvasmaker=numbered_canvas(footer, self.stamp.footer_line))
        return buffer.getvalue()

    def story(self) -> list:
        return [
            *self.cover(),
            PageBreak(),
            *self.summary(),
            PageBreak(),
            *[
                flowable
                for section in self.snapshot["sections"]
                for flowable in self.section(section)
            ],
            *self.signature_block(),
        ]

    def section(self, section: dict) -> list:
        lead: list[Flowable] = [self.paragraph(section["title"], self.h1)]
        lead.extend(self.paragraph(note, self.body) for note in section["notes"])
        flowables: list = []
        for table in section["tables"]:
            lead.append(self.paragraph(table["title"], self.h2))
            flowables.extend(self.table_block(table, lead))
            lead = []
        flowables.extend([*lead, Spacer(1, 10)])
        return flowables

    def table_block(self, table: dict, lead: list[Flowable]) -> list:
        """A table with the headings before it, which never end a page without it."""
        if not table["rows"]:
            return [KeepTogether([*lead, self.paragraph("None in this period.", self.body)])]
        header = [table["columns"]]
        formats = table.get("formats")
        whole = self.table([*header, *table["rows"]], formats=formats)
        after = self.split_bars(table)
        if len(table["rows"]) < KEEP_TOGETHER_ROWS:
            return [KeepTogether([*lead, whole]), *after]
        first_rows = self.table([*header, *table["rows"][:LEAD_ROWS]], formats=formats)
        needed = sum(self.height_of(flowable) for flowable in [*lead, first_rows])
        return [CondPageBreak(needed), *lead, whole, *after]

    def split_bars(self, table: dict) -> list:
        """The survey breakdown of a table with favourable / neutral / unfavourable
        columns, drawn as one stacked bar per question under it."""
        columns = table["columns"]
        if not set(SPLIT_COLUMNS) <= set(columns):
            return []
        at = [columns.index(name) for name in SPLIT_COLUMNS]
        rows = [
            (
                str(row[0]),
                None
                if any(not isinstance(row[i], int | float) for i in at)
                else tuple(float(row[i]) for i in at),
            )
            for row in table["rows"]
        ]
        return [
            flowable
            for start in range(0, len(rows), SPLIT_BARS_PER_CHART)
            for flowable in (
                Spacer(1, 4),
                split_chart(
                    "Answers by question (% of answers)",
                    rows[start : start + SPLIT_BARS_PER_CHART],
                    width=self.text_width,
                ),
            )
        ]

    @property
    def text_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    def height_of(self, flowable: Flowable) -> float:
        _, height = flowable.wrap(self.text_width, self.pagesize[1])
        return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def render_packet_pdf(snapshot: dict, *, stamp: VersionStamp | None = None) -> bytes:
    return PacketPdfRenderer(snapshot, stamp=stamp).render()
