"""The baseline of benchmarks/packet_build.py: the same packet laid out with plain
reportlab on the same pages. Django is set up by the caller first."""

from __future__ import annotations


def bare_pdf(snapshot: dict) -> bytes:
    """The plain way: SimpleDocTemplate on the packet's page size and margins, the
    sample style sheet at the packet's font sizes, the same text, tables (grid lines,
    the same column widths, a small table kept with its heading) and charts (with
    titles), the same page breaks; no page furniture. In the same embedded font as
    the packet (DejaVu Sans): both must print names beyond Latin-1."""
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    from core.pdf import FONT, escape_markup, sample_styles
    from packets.pdf.cells import cell_fits, cell_text, column_widths
    from packets.pdf.document import KEEP_TOGETHER_ROWS
    from packets.snapshot import content_hash

    sample = sample_styles()
    body = sample["BodyText"].clone("BareBody", fontSize=9, leading=12)
    styles = {
        "Title": sample["Title"].clone("BareTitle", fontSize=22, leading=28),
        "Name": sample["Heading1"].clone("BareName", fontSize=20, leading=26, alignment=1),
        "Heading1": sample["Heading1"].clone("BareH1", fontSize=15, spaceBefore=6),
        "Heading3": sample["Heading3"].clone("BareH3", fontSize=11, spaceBefore=8),
        "BodyText": body,
        "Centred": body.clone("BareCentred", alignment=1),
    }
    small = body.clone("Small", fontSize=8, leading=10)
    margin = 0.75 * inch

    def para(text, style="BodyText"):
        return Paragraph(escape_markup(text), styles[style])

    def table(rows, widths=None):
        texts = [[cell_text(v) for v in row] for row in rows]
        widths = widths or column_widths(texts, LETTER[0] - 2 * margin)
        result = Table(
            [
                [
                    t if cell_fits(t, w) else Paragraph(escape_markup(t), small)
                    for t, w in zip(row, widths, strict=False)
                ]
                for row in texts
            ],
            colWidths=widths,
            repeatRows=1,
            hAlign="LEFT",
        )
        result.setStyle(
            [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
        )
        return result

    def chart(spec):
        drawing = Drawing(3.4 * inch, 1.9 * inch)
        drawing.add(String(0, 1.9 * inch - 12, spec["title"], fontName=FONT))
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 90, 8, 3.4 * inch - 100, 1.9 * inch - 30
        bars.data = [[v or 0 for v in spec["values"]] or [0]]
        bars.categoryAxis.categoryNames = spec["labels"] or ["(none)"]
        bars.categoryAxis.labels.fontName = bars.valueAxis.labels.fontName = FONT
        drawing.add(bars)
        return drawing

    officer, period = snapshot["officer"], snapshot["period"]
    story = [
        Spacer(1, 1.6 * inch),
        para("Annual evaluation packet", "Title"),
        Spacer(1, 0.3 * inch),
        para(officer["name"], "Name"),
        Spacer(1, 0.3 * inch),
        para(f"Badge {officer['badge_number']}, {officer['agency_name']}", "Centred"),
        para(snapshot["district"]["name"], "Centred"),
        para(
            f"Evaluation period {period['name']}: {period['start']} to {period['end']}", "Centred"
        ),
        para(f"Content hash (sha256): {content_hash(snapshot)}", "Centred"),
        Spacer(1, 0.6 * inch),
        para("Confidential personnel record: share it only with the people entitled to review it."),
        PageBreak(),
        para("Summary", "Heading1"),
    ]
    if snapshot["summary"]["facts"]:
        story.append(
            table([["Measure", "Value"], *snapshot["summary"]["facts"]], [2.4 * inch, 4.6 * inch])
        )
    charts = [chart(spec) for spec in snapshot["summary"]["charts"]]
    if charts:
        story.append(Spacer(1, 8))
        story.append(
            Table(
                [
                    charts[i : i + 2] + [""] * (2 - len(charts[i : i + 2]))
                    for i in range(0, len(charts), 2)
                ],
                colWidths=[3.4 * inch + 6] * 2,
            )
        )
    else:
        story.append(para("No section of this packet has figures to chart."))
    story.append(PageBreak())
    for section in snapshot["sections"]:
        story.append(para(section["title"], "Heading1"))
        story.extend(para(note) for note in section["notes"])
        for t in section["tables"]:
            heading = para(t["title"], "Heading3")
            if not t["rows"]:
                story.extend([heading, para("None in this period.")])
            elif len(t["rows"]) < KEEP_TOGETHER_ROWS:
                story.append(KeepTogether([heading, table([t["columns"], *t["rows"]])]))
            else:
                story.extend([heading, table([t["columns"], *t["rows"]])])
        story.append(Spacer(1, 10))
    signatures = Table(
        [
            ["Role", "Name", "Signature", "Date"],
            ["Police supervisor", "", "", ""],
            ["Officer (acknowledges receipt)", officer["name"], "", ""],
        ],
        colWidths=[2.0 * inch, 1.9 * inch, 2.1 * inch, 1.0 * inch],
        rowHeights=[16, 34, 34],
    )
    signatures.setStyle(
        [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
    )
    story.append(
        KeepTogether(
            [
                para("Signatures", "Heading1"),
                para("The supervisor's signature locks this version of the packet."),
                Spacer(1, 6),
                signatures,
            ]
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
    ).build(story)
    return buffer.getvalue()
