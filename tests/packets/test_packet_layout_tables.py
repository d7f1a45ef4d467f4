"""How the packet PDF sets tables and charts: whole words, kept headings, values on
bars, whole labels, a message for an empty chart (issue 17, "PDF layout")."""

from __future__ import annotations

import io
import subprocess

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.platypus import SimpleDocTemplate, Spacer

from core.pdf import CELL_PADDING, text_width
from packets.pdf.cells import CELL_FONT_SIZE, cell_text, column_widths, table_font_size
from packets.pdf.charts import bar_chart, split_chart
from packets.pdf.document import PacketPdfRenderer
from packets.sections.surveys import GROUP_COLUMNS, GROUP_FORMATS

AVAILABLE = 468  # points between the margins of a letter page

LONG_WORDS = [
    ["Responsibilities", "Accountability", "Documentation", "Interoperability", "Characteristics",
     "Confidentiality", "Acknowledgement", "Recommendations"],
    ["Administrators", "Collaboration", "Transportation", "Superintendent", "Disproportionate",
     "Understanding", "Communication", "Implementation"],
]  # fmt: skip


def _strings(drawing) -> list[str]:
    found = []
    for node in drawing.getContents():
        if isinstance(node, String):
            found.append(node.text)
    return found


def test_a_table_too_narrow_for_its_words_is_set_smaller_rather_than_break_one() -> None:
    size = table_font_size(LONG_WORDS, AVAILABLE)
    widths = column_widths(LONG_WORDS, AVAILABLE, size=size)

    assert size < CELL_FONT_SIZE
    assert sum(widths) <= AVAILABLE + 0.01
    for column, width in enumerate(widths):
        longest = max(
            text_width(row[column], bold=index == 0, size=size)
            for index, row in enumerate(LONG_WORDS)
        )
        assert width >= longest + CELL_PADDING, (LONG_WORDS[0][column], width)


def test_a_table_whose_words_fit_keeps_the_usual_size() -> None:
    texts = [["Rule", "Severity", "Note"], ["Critical competency", "Watch", "Short note"]]

    assert table_font_size(texts, AVAILABLE) == CELL_FONT_SIZE


def test_a_column_reads_with_one_number_of_decimals() -> None:
    assert [cell_text(v, "percent") for v in (50, 66.667, 100.0)] == ["50.0", "66.7", "100.0"]
    assert [cell_text(v, "decimal") for v in (2.5, 5.687203791469194)] == ["2.50", "5.69"]
    assert cell_text(5, "decimal") == "5", "a count among rates stays a whole number"
    assert cell_text("suppressed", "percent") == "suppressed"
    assert cell_text(None, "percent") == "—"


def test_an_all_zero_chart_says_there_is_nothing_rather_than_drawing_blank_axes() -> None:
    chart = {"title": "Training hours by category", "labels": ["Firearms", "De-escalation"],
             "values": [0, 0], "unit": "hours", "max": None}  # fmt: skip

    drawing = bar_chart(chart, width=245, height=137)

    assert "No training hours by category in this period." in _strings(drawing)
    assert not [n for n in drawing.getContents() if isinstance(n, HorizontalBarChart)]


def test_a_long_label_is_wrapped_whole_and_every_bar_carries_its_value() -> None:
    label = "Collaboration with school administrators on restorative approaches"
    chart = {"title": "Competency levels (1-4)", "labels": [label, "Fairness"],
             "values": [2.62, None], "unit": "level", "max": 4}  # fmt: skip

    drawing = bar_chart(chart, width=245, height=137)

    bars = next(n for n in drawing.getContents() if isinstance(n, HorizontalBarChart))
    names = bars.categoryAxis.categoryNames
    assert "…" not in "".join(names)
    assert label in [" ".join(name.split()) for name in names]
    assert any("\n" in name for name in names), "the long label takes two lines"
    assert sorted(bars.barLabelArray[0]) == ["2.6", "—"]


def test_the_split_chart_has_a_legend_and_marks_a_hidden_question_suppressed() -> None:
    drawing = split_chart(
        "Answers by question (% of answers)",
        [("The officer listens.", (55.6, 33.3, 11.1)), ("I feel safer.", None)],
        width=AVAILABLE,
    )

    texts = _strings(drawing)
    assert {"Favourable", "Neutral", "Unfavourable", "suppressed"} <= set(texts)


def test_a_table_heading_never_ends_a_page_without_its_first_rows(tmp_path) -> None:
    renderer = PacketPdfRenderer({})
    rows = [[f"Row {n}", "Long enough text to fill a cell"] for n in range(40)]
    section = {"title": "Survey results", "notes": [],
               "tables": [{"title": "Stranded heading", "columns": ["Item", "Text"], "rows": rows}]}  # fmt: skip
    buffer = io.BytesIO()
    usable = renderer.pagesize[1] - 2 * renderer.margin
    document = SimpleDocTemplate(buffer, pagesize=renderer.pagesize, leftMargin=renderer.margin,
                                 rightMargin=renderer.margin, topMargin=renderer.margin,
                                 bottomMargin=renderer.margin)  # fmt: skip
    # Leave room for the headings alone at the bottom of page 1.
    document.build([Spacer(1, usable - 60), *renderer.section(section)])
    source = tmp_path / "section.pdf"
    source.write_bytes(buffer.getvalue())

    def page(number: int) -> str:
        return subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(source), "-"],
            check=True, capture_output=True, text=True, timeout=60,
        ).stdout  # fmt: skip

    assert "Stranded heading" not in page(1)
    assert "Survey results" not in page(1)
    assert "Stranded heading" in page(2)
    assert "Row 0" in page(2)


def test_a_long_questionnaire_s_split_bars_come_in_parts_that_fit_a_page() -> None:
    """A drawing can't break across pages; one bar chart of 45 questions would not fit one."""
    renderer = PacketPdfRenderer({})
    question = "The officer explains what will happen next and why it matters to the students"
    rows = [[f"{question} ({n})", 9, 4.1, 55.6, 33.3, 11.1, 60.0] for n in range(45)]
    section = {"title": "Survey results", "notes": [],
               "tables": [{"title": "Students: 9 respondents", "columns": GROUP_COLUMNS,
                           "rows": rows, "formats": GROUP_FORMATS}]}  # fmt: skip
    story = renderer.section(section)
    charts = [f for f in story if isinstance(f, Drawing)]

    SimpleDocTemplate(io.BytesIO(), pagesize=renderer.pagesize).build(story)  # no LayoutError

    assert len(charts) == 3
    assert all(chart.height < renderer.pagesize[1] - 2 * renderer.margin for chart in charts)
