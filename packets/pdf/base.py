"""What every part of the packet PDF shares: its styles, the snapshot and stamp it
renders, and how it writes a paragraph and a table."""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, Table, TableStyle

from core.pdf import FONT, FONT_BOLD, sample_styles, text_paragraph
from packets.pdf.cells import (
    CELL_FONT_SIZE,
    cell_fits,
    cell_text,
    column_widths,
    table_font_size,
)
from packets.snapshot import content_hash
from packets.stamp import VersionStamp, preview_stamp


@functools.cache
def _cell_styles(size: float) -> tuple[ParagraphStyle, ParagraphStyle]:
    """The wrapped body and header cell of a table set at ``size`` points."""
    body = _styles()["cell"]
    leading = size + 2
    return (
        ParagraphStyle(f"PacketCell{size}", parent=body, fontSize=size, leading=leading),
        ParagraphStyle(
            f"PacketHeadCell{size}", parent=body, fontName=FONT_BOLD, fontSize=size, leading=leading
        ),
    )


@functools.cache
def _styles() -> dict[str, Any]:
    """Built once per process: making a style sheet costs as much as a page."""
    sample = sample_styles()
    body = ParagraphStyle("PacketBody", parent=sample["BodyText"], fontSize=9, leading=12)
    h1 = ParagraphStyle("PacketH1", parent=sample["Heading1"], fontSize=15, spaceBefore=6)
    return {
        "title": ParagraphStyle("PacketTitle", parent=sample["Title"], fontSize=22, leading=28),
        "h1": h1,
        "h2": ParagraphStyle("PacketH2", parent=sample["Heading3"], fontSize=11, spaceBefore=8),
        "note": ParagraphStyle(
            "PacketNote",
            parent=body,
            fontSize=7.5,
            leading=10,
            textColor=colors.HexColor("#3d4a57"),
        ),
        "body": body,
        "centred": ParagraphStyle("PacketCentred", parent=body, alignment=1),
        "cover_name": ParagraphStyle(
            "PacketCoverName", parent=h1, fontSize=20, leading=26, alignment=1
        ),
        "cell": ParagraphStyle("PacketCell", parent=body, fontSize=8, leading=10),
        "head_cell": ParagraphStyle(
            "PacketHeadCell", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10
        ),
        "table": TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9aa7b4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        ),
    }


class RendererBase:
    """One snapshot being rendered; page size, margins and styles are attributes."""

    pagesize = LETTER
    margin = 0.75 * inch
    chart_width = 3.4 * inch
    chart_height = 1.9 * inch

    def __init__(self, snapshot: dict, *, stamp: VersionStamp | None = None) -> None:
        self.snapshot = snapshot
        self.stamp = stamp or preview_stamp(content_hash(snapshot))
        styles = _styles()
        self.title_style = styles["title"]
        self.h1 = styles["h1"]
        self.h2 = styles["h2"]
        self.body = styles["body"]
        self.note = styles["note"]
        self.centred = styles["centred"]
        self.cover_name = styles["cover_name"]
        self.cell = styles["cell"]
        self.head_cell = styles["head_cell"]
        self.table_style = styles["table"]

    def paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        return text_paragraph(text, style)

    def table(
        self,
        rows: list[list[Any]],
        widths: list[float] | None = None,
        formats: list[str] | None = None,
    ) -> Table:
        """A table whose first row is its header; ``formats`` are the snapshot's column
        formats. No word is broken: the columns, then the type, are made to hold it."""
        formats = formats or []
        texts = [
            [
                cell_text(value, formats[i] if index and i < len(formats) else "text")
                for i, value in enumerate(row)
            ]
            for index, row in enumerate(rows)
        ]
        available = self.pagesize[0] - 2 * self.margin
        size = CELL_FONT_SIZE if widths else table_font_size(texts, available)
        widths = widths or column_widths(texts, available, size=size)
        body_style, head_style = _cell_styles(size)
        body = [
            [
                text
                if cell_fits(text, width, bold=index == 0, size=size)
                else self.paragraph(text, head_style if index == 0 else body_style)
                for text, width in zip(row, widths, strict=False)
            ]
            for index, row in enumerate(texts)
        ]
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(self.table_style)
        if size != CELL_FONT_SIZE:
            table.setStyle(
                [("FONT", (0, 0), (-1, -1), FONT, size), ("FONT", (0, 0), (-1, 0), FONT_BOLD, size)]
            )
        return table
