"""The packet PDF, rendered from a snapshot alone (reportlab platypus).

Cover, a one-page summary with the sections' charts, every section's tables, and
a signature block; each page has its number and the confidential-record footer.
All text is drawn as text, so the PDF is searchable. The parts live beside this
module: ``stamped`` (cover, signatures), ``summary_page``, ``base`` (styles, tables).
"""

from __future__ import annotations

import io

from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from packets.pdf.furniture import FOOTER, numbered_canvas
from packets.pdf.stamped import StampedPages
from packets.pdf.summary_page import SummaryPage
from packets.stamp import VersionStamp

KEEP_TOGETHER_ROWS = 15


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
        document.build(self.story(), canvasmaker=numbered_canvas(footer))
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
        flowables: list = [self.paragraph(section["title"], self.h1)]
        flowables.extend(self.paragraph(note, self.body) for note in section["notes"])
        for table in section["tables"]:
            heading = self.paragraph(table["title"], self.h2)
            if not table["rows"]:
                flowables.extend([heading, self.paragraph("None in this period.", self.body)])
            elif len(table["rows"]) < KEEP_TOGETHER_ROWS:
                flowables.append(
                    KeepTogether([heading, self.table([table["columns"], *table["rows"]])])
                )
            else:
                flowables.extend([heading, self.table([table["columns"], *table["rows"]])])
        flowables.append(Spacer(1, 10))
        return flowables


def render_packet_pdf(snapshot: dict, *, stamp: VersionStamp | None = None) -> bytes:
    return PacketPdfRenderer(snapshot, stamp=stamp).render()
