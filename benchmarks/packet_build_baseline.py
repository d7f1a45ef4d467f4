"""The baseline of benchmarks/packet_build.py: the same packet laid out with plain
reportlab on the same pages. Django is set up by the caller first."""

from __future__ import annotations


def _split_bars(t: dict, width: float) -> list:
    """The survey split bars under a table with favourable / neutral / unfavourable columns."""
    from reportlab.platypus import Spacer

    from packets.pdf.charts import split_chart
    from packets.pdf.document import SPLIT_BARS_PER_CHART
    from packets.sections.surveys import SPLIT_COLUMNS

    if not set(SPLIT_COLUMNS) <= set(t["columns"]):
        return []
    at = [t["columns"].index(name) for name in SPLIT_COLUMNS]
    bars = [
        (str(r[0]), tuple(r[i] for i in at) if isinstance(r[at[0]], int | float) else None)
        for r in t["rows"]
    ]
    return [
        flowable
        for start in range(0, len(bars), SPLIT_BARS_PER_CHART)
        for flowable in (
            Spacer(1, 4),
            split_chart("Answers", bars[start : start + SPLIT_BARS_PER_CHART], width=width),
        )
    ]


def _bare_trend(spec: dict, width: float, height: float):
    """A year-over-year chart drawn plainly: a title, a bar and its value per period."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib.utils import simpleSplit

    from core.pdf import FONT

    drawing = Drawing(width, height)
    lines = simpleSplit(spec["title"], FONT, 7.5, width - 4)
    for index, line in enumerate(lines):
        drawing.add(String(0, height - 8.5 * (index + 1), line, fontName=FONT, fontSize=7.5))
    values = spec["values"]
    top = spec.get("max") or max([v for v in values if v is not None] + [1])
    plot = height - 8.5 * len(lines) - 24
    slot = width / max(len(values), 1)
    for index, (label, value) in enumerate(zip(spec["labels"], values, strict=True)):
        centre = slot * index + slot / 2
        drawing.add(String(centre, 0, label, fontName=FONT, fontSize=7, textAnchor="middle"))
        if value is not None:
            high = max(plot * value / top, 0.5)
            drawing.add(Rect(centre - 10, 11, 20, high))
            drawing.add(
                String(
                    centre, 13 + high, str(value), fontName=FONT, fontSize=7, textAnchor="middle"
                )
            )
    return drawing


def _bare_reading(summary: dict, para, table) -> list:
    """The summary's reading part (headline, strengths and concerns, comparisons, flags,
    cautions, trends, narrative) in plain paragraphs and tables."""
    from reportlab.lib.units import inch
    from reportlab.platypus import KeepTogether, Spacer, Table

    full = 7.0 * inch
    headline = summary["headline"]
    rating = "none" if headline["rating"] is None else f"{headline['rating']:.2f}"
    story: list = [
        Table(
            [
                [
                    [
                        para(f"Rubric rating {rating}: {headline['rating_label']}", "Heading3"),
                        para(headline["basis"]),
                        para(f"Scale: {headline['scale']}."),
                    ]
                ]
            ],
            colWidths=[full],
        ),
        Spacer(1, 6),
    ]
    columns = []
    for title, rows in (("Strengths", summary["strengths"]), ("Concerns", summary["concerns"])):
        cell = [para(title, "Heading3")]
        cell += [para(f"{name}: {label} ({level:.2f})") for name, level, label in rows] or [
            para("None.")
        ]
        columns.append(cell)
    story.append(
        Table([columns], colWidths=[full / 2] * 2, style=[("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    comparisons = summary["comparisons"]
    story.append(
        KeepTogether(
            [
                para(comparisons["title"], "Heading3"),
                table(
                    [
                        comparisons["columns"],
                        *[
                            [row[0], *("—" if v is None else f"{v:,.2f}" for v in row[1:])]
                            for row in comparisons["rows"]
                        ],
                    ]
                ),
            ]
        )
    )
    story.append(para("Flags raised in the period", "Heading3"))
    if summary["flags"]:
        story.append(table([["Rule", "Severity", "Status"], *summary["flags"]]))
    else:
        story.append(para("No flag was raised in this period."))
    if summary["cautions"]:
        story.append(para("Read with caution", "Heading3"))
        story.extend(para(f"• {text}") for text in summary["cautions"])
    if summary["trends"]:
        width = full / 6 - 6
        charts = [_bare_trend(spec, width, 0.95 * inch) for spec in summary["trends"]]
        story.append(
            KeepTogether(
                [
                    para("Year over year", "Heading3"),
                    Table(
                        [
                            charts[i : i + 6] + [""] * (6 - len(charts[i : i + 6]))
                            for i in range(0, len(charts), 6)
                        ],
                        colWidths=[width + 6] * 6,
                        style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
                    ),
                ]
            )
        )
    if summary["narrative"]:
        story.append(para("In short", "Heading3"))
        story.extend(para(text) for text in summary["narrative"])
    return story


def bare_pdf(snapshot: dict) -> bytes:
    """The plain way: SimpleDocTemplate on the packet's page size and margins, the
    sample style sheet at the packet's font sizes, the same text, tables (grid lines,
    the same column widths, a small table kept with its heading) and charts (with
    titles), the same page breaks (a heading kept with its table's first rows, the survey
    split bars under their table); no page furniture. In the same embedded font as
    the packet (DejaVu Sans): both must print names beyond Latin-1."""
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    from core.pdf import FONT, escape_markup, sample_styles
    from packets.pdf.cells import cell_fits, cell_text, column_widths, table_font_size
    from packets.pdf.charts import chart_height
    from packets.pdf.document import KEEP_TOGETHER_ROWS, LEAD_ROWS
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

    def table(rows, widths=None, formats=()):
        texts = [
            [
                cell_text(v, formats[i] if n and i < len(formats) else "text")
                for i, v in enumerate(row)
            ]
            for n, row in enumerate(rows)
        ]
        size = 8 if widths else table_font_size(texts, LETTER[0] - 2 * margin)
        widths = widths or column_widths(texts, LETTER[0] - 2 * margin, size=size)
        cell = small.clone(f"Small{size}", fontSize=size, leading=size + 2)
        result = Table(
            [
                [
                    t if cell_fits(t, w, size=size) else Paragraph(escape_markup(t), cell)
                    for t, w in zip(row, widths, strict=False)
                ]
                for row in texts
            ],
            colWidths=widths,
            repeatRows=1,
            hAlign="LEFT",
        )
        result.setStyle(
            [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, size)]
        )
        return result

    def chart(spec):
        height = chart_height(spec["labels"], 3.4 * inch, 1.9 * inch)
        drawing = Drawing(3.4 * inch, height)
        drawing.add(String(0, height - 12, spec["title"], fontName=FONT))
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 90, 8, 3.4 * inch - 100, height - 30
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
    if "headline" in snapshot["summary"]:
        story.extend(_bare_reading(snapshot["summary"], para, table))
    if snapshot["summary"]["facts"]:
        story.append(
            KeepTogether(
                [
                    para("Key figures", "Heading3"),
                    table(
                        [["Measure", "Value"], *snapshot["summary"]["facts"]],
                        [2.4 * inch, 4.6 * inch],
                    ),
                ]
            )
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

    def height(flowable):
        _, high = flowable.wrap(LETTER[0] - 2 * margin, LETTER[1])
        return high + flowable.getSpaceBefore() + flowable.getSpaceAfter()

    for section in snapshot["sections"]:
        lead = [para(section["title"], "Heading1"), *(para(note) for note in section["notes"])]
        for t in section["tables"]:
            lead.append(para(t["title"], "Heading3"))
            formats = t.get("formats", ())
            if not t["rows"]:
                story.append(KeepTogether([*lead, para("None in this period.")]))
            elif len(t["rows"]) < KEEP_TOGETHER_ROWS:
                story.append(
                    KeepTogether([*lead, table([t["columns"], *t["rows"]], None, formats)])
                )
            else:
                first = table([t["columns"], *t["rows"][:LEAD_ROWS]], None, formats)
                story.append(CondPageBreak(sum(height(f) for f in [*lead, first])))
                story.extend([*lead, table([t["columns"], *t["rows"]], None, formats)])
            story.extend(_split_bars(t, LETTER[0] - 2 * margin))
            lead = []
        story.extend([*lead, Spacer(1, 10)])
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
