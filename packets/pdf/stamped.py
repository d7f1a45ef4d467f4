"""The parts of the packet PDF that say which version it is and who signed it: the
cover and the signature block (the footer is ``furniture``)."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Spacer, Table

from packets.pdf.base import RendererBase
from packets.pdf.furniture import FOOTER


class StampedPages(RendererBase):
    def cover(self) -> list:
        officer = self.snapshot["officer"]
        period = self.snapshot["period"]
        lines = [
            f"Badge {officer['badge_number']}, {officer['agency_name']}",
            f"{self.snapshot['district']['name']}",
            f"Evaluation period {period['name']}: {period['start']} to {period['end']}",
        ]
        lines.append(self.stamp.label)
        lines.append(f"Content hash (sha256): {self.stamp.content_hash}")
        return [
            Spacer(1, 1.6 * inch),
            self.paragraph("Annual evaluation packet", self.title_style),
            Spacer(1, 0.3 * inch),
            self.paragraph(officer["name"], self.cover_name),
            Spacer(1, 0.3 * inch),
            *[self.paragraph(line, self.centred) for line in lines],
            Spacer(1, 0.6 * inch),
            self.paragraph(
                f"{FOOTER}. This packet holds personnel information about one officer; share it only "
                "with the people entitled to review it.",
                self.body,
            ),
        ]

    def signature_block(self) -> list:
        stamp = self.stamp
        signed = stamp.status in ("signed_off", "acknowledged")
        rows = [
            ["Role", "Name", "Signature", "Date"],
            [
                "Police supervisor",
                stamp.reviewed_by if signed else "",
                "Signed off in SRO360" if signed else "",
                stamp.reviewed_at if signed else "",
            ],
            ["Officer (acknowledges receipt)", self.snapshot["officer"]["name"], "", ""],
        ]
        table = Table(
            rows,
            colWidths=[2.0 * inch, 1.9 * inch, 2.1 * inch, 1.0 * inch],
            rowHeights=[16, 34, 34],
        )
        table.setStyle(self.table_style)
        return [
            KeepTogether(
                [
                    self.paragraph("Signatures", self.h1),
                    self.paragraph(
                        "The supervisor's signature locks this version of the packet. The officer's "
                        "signature acknowledges receipt, not agreement; the officer may attach a response.",
                        self.body,
                    ),
                    Spacer(1, 6),
                    table,
                ]
            )
        ]
