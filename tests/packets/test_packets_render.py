"""The PDF and XLSX of a packet, rendered from its snapshot alone."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core.pdf import CELL_PADDING, text_width
from packets.assembler import assemble_snapshots
from packets.pdf.cells import column_widths
from packets.pdf.document import render_packet_pdf
from packets.pdf.furniture import FOOTER
from packets.sections import SECTIONS
from packets.snapshot import content_hash
from packets.xlsx import render_packet_xlsx
from tests.factories.packets import add_packet_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inputs(world) -> None:
    add_packet_inputs(world, scale=2)


def _snapshot(world) -> dict:
    return assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[world.officer.pk]


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_renders_with_pdftoppm(world, tmp_path) -> None:
    pdf = render_packet_pdf(_snapshot(world))
    source = tmp_path / "packet.pdf"
    source.write_bytes(pdf)

    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )

    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) >= 3
    assert all(page.stat().st_size > 1000 for page in pages)


def test_names_outside_latin_1_print_as_written(world) -> None:
    """Helvetica prints Ł or ễ as black boxes; the packet's embedded font prints them."""
    world.officer.first_name, world.officer.last_name = "Łukasz", "Nguyễn"
    world.officer.save()
    world.school.name = "Școala Đông Άλφα"
    world.school.save()

    text = _pdf_text(render_packet_pdf(_snapshot(world)))

    assert "Łukasz Nguyễn" in text
    assert "Școala Đông Άλφα" in text
    assert "■" not in text


def test_no_column_is_narrower_than_its_longest_word_when_the_page_allows() -> None:
    """A long reason beside short columns used to squeeze them into "Sch/ool", "Minimu/m"."""
    reason = "The officer handcuffed a student during a classroom disruption " * 6
    texts = [
        ["School", "Filed", "Status", "Minimum hours", "Overdue since", "Reasons"],
        ["Lincoln High School", "2026-09-01", "Pending", "8", "—", reason],
        ["Escuela Primaria Benito Juárez", "2026-10-12", "Granted", "16", "2026-10-01", reason],
    ]

    widths = column_widths(texts, 468)

    assert sum(widths) <= 468.01
    for column, width in enumerate(widths):
        longest = max(
            [text_width(w, bold=True) for w in texts[0][column].split()]
            + [text_width(w) for row in texts[1:] for w in row[column].split()]
        )
        assert width >= longest + CELL_PADDING - 0.01, (texts[0][column], width)
    assert widths[-1] == max(widths), "the long reasons take what is left"


def test_the_pdf_text_holds_the_name_every_section_heading_and_the_footer(world) -> None:
    snapshot = _snapshot(world)
    pdf = render_packet_pdf(snapshot)

    text = _pdf_text(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert world.officer.full_name in text
    for section in SECTIONS:
        assert section.title in text
    assert "Summary" in text
    assert "Signatures" in text
    assert text.count(FOOTER) >= pages
    assert f"Page {pages} of {pages}" in text


def test_pdftotext_reads_the_same_text(world, tmp_path) -> None:
    source = tmp_path / "packet.pdf"
    source.write_bytes(render_packet_pdf(_snapshot(world)))

    text = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout

    assert world.officer.full_name in text
    assert world.school.name in text


def test_markup_in_a_name_is_printed_not_interpreted(world) -> None:
    world.officer.last_name = "<b>Bold</b> & Co"
    world.officer.save()

    text = _pdf_text(render_packet_pdf(_snapshot(world)))

    assert "<b>Bold</b> & Co" in text


def test_the_xlsx_has_about_summary_and_a_sheet_per_table_with_the_snapshot_figures(
    world,
) -> None:
    # Was: a sheet per section with its tables stacked; issue 17 asks one table a sheet.
    snapshot = _snapshot(world)

    workbook = load_workbook(io.BytesIO(render_packet_xlsx(snapshot)))

    tables = [table for section in snapshot["sections"] for table in section["tables"]]
    # The summary's comparison with the district is a table of its own, after Summary.
    assert snapshot["summary"]["comparisons"]["rows"]
    tables.insert(0, snapshot["summary"]["comparisons"])
    assert workbook.sheetnames[:2] == ["About", "Summary"]
    assert len(workbook.sheetnames) == 2 + len(tables)
    about = dict(workbook["About"].iter_rows(values_only=True))
    for name, table in zip(workbook.sheetnames[2:], tables, strict=True):
        cells = [list(row) for row in workbook[name].iter_rows(values_only=True)]
        assert about[f"Sheet {name}"] == table["title"], "About names each sheet's table in full"
        assert cells[0] == table["columns"]
        assert len(cells) == 1 + len(table["rows"])
    summary = [list(row) for row in workbook["Summary"].iter_rows(values_only=True)]
    for fact in snapshot["summary"]["facts"]:
        assert fact[0] in [row[0] for row in summary]
    assert about["Content hash (sha256)"] == content_hash(snapshot)
    assert about["District"] == snapshot["district"]["name"]
    assert "Confidential" in about["Confidentiality"]


def test_the_xlsx_writes_a_formula_looking_name_as_text(world) -> None:
    world.officer.first_name = '=HYPERLINK("http://evil")'
    world.officer.save()

    workbook = load_workbook(io.BytesIO(render_packet_xlsx(_snapshot(world))))

    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == f"'{world.officer.full_name}" for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
