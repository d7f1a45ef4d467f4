"""The parts of the packet PDF that say which version it is and who signed it: the
cover and the signature block (the footer is ``furniture``)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Spacer, Table

from packets.pdf.base import RendererBase
from packets.pdf.furniture import FOOTER

SIGNED = ("signed_off", "acknowledged")


class StampedPages(RendererBase):
    def cover(self) -> list:
        officer = self.snapshot["officer"]
        period = self.snapshot["period"]
        stamp = self.stamp
        lines = [
            f"Badge {officer['badge_number']}, {officer['agency_name']}",
            f"{self.snapshot['district']['name']}",
            f"Evaluation period {period['name']}: {period['start']} to {period['end']}",
            stamp.label,
            f"Content hash (sha256): {stamp.content_hash}",
        ]
        if stamp.status in SIGNED:
            lines.append(f"Signed off by {stamp.reviewed_by} on {stamp.reviewed_at}")
        if stamp.acknowledged_at:
            lines.append(f"Acknowledged by the officer on {stamp.acknowledged_at}")
        flowables: list = [
            Spacer(1, 1.6 * inch),
            self.paragraph("Annual evaluation packet", self.title_style),
            Spacer(1, 0.3 * inch),
            self.paragraph(officer["name"], self.cover_name),
            Spacer(1, 0.3 * inch),
            *[self.paragraph(line, self.centred) for line in lines],
        ]
        if stamp.copy_note:
            flowables.extend([Spacer(1, 0.2 * inch), self.paragraph(stamp.copy_note, self.centred)])
        flowables.extend(
            [
                Spacer(1, 0.6 * inch),
                self.paragraph(
                    f"{FOOTER}. This packet holds personnel information about one officer; share it "
                    "only with the people entitled to review it.",
                    self.body,
                ),
            ]
        )
        return flowables

    def signature_block(self) -> list:
        stamp = self.stamp
        signed = stamp.status in SIGNED
        acknowledged = bool(stamp.acknowledged_at)
        cell = self.cell
        rows: list[list[Any]] = [
            ["Role", "Name", "Signature", "Date"],
            [
                "Police supervisor",
                self.paragraph(stamp.reviewed_by, cell) if signed else "",
                "Signed off in SRO360" if signed else "",
                stamp.reviewed_at if signed else "",
            ],
            [
                "Officer (acknowledges receipt)",
                self.paragraph(self.snapshot["officer"]["name"], cell),
                "Acknowledged in SRO360" if acknowledged else "",
                stamp.acknowledged_at,
            ],
        ]
        table = Table(
            rows,
            colWidths=[2.0 * inch, 1.9 * inch, 1.9 * inch, 1.2 * inch],
            rowHeights=[16, 34, 34],
        )
        table.setStyle(self.table_style)
        block: list = [
            self.paragraph("Signatures", self.h1),
            self.paragraph(stamp.signs, self.body),
            self.paragraph(
                "The supervisor's signature locks this version of the packet. The officer's "
                "signature acknowledges receipt, not agreement; the officer may attach a response.",
                self.body,
            ),
            Spacer(1, 6),
            table,
        ]
        flowables: list = [KeepTogether(block)]
        if acknowledged:
            # The response may run to pages: paragraphs that wrap and split, never cut.
            parts = [part.strip() for part in stamp.officer_comment.split("\n") if part.strip()]
            parts = parts or ["The officer acknowledged the packet without a response."]
            heading = self.paragraph("The officer's response", self.h2)
            flowables.append(KeepTogether([heading, self.paragraph(parts[0], self.body)]))
            flowables.extend(self.paragraph(part, self.body) for part in parts[1:])
        return flowables
