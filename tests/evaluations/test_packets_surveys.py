"""The survey section: results per group as the surveys app hands them over, with
suppressed figures written as "suppressed" and never as numbers, in every rendering."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluations.packets.assembler import assemble_snapshots
from evaluations.packets.pdf import render_packet_pdf
from evaluations.packets.xlsx import render_packet_xlsx
from tests.factories.surveys import make_campaign, submit_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(world):
    """13 students answer (shown, k=5); 4 families answer (fewer than k: hidden), and
    8 staff, hidden too so the families can't be worked out from the total."""
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer], groups=["student", "family", "staff"])
    submit_many(campaign, "student", world.school, world.officer, 13, values=[5, 4, 4, 2])
    submit_many(campaign, "staff", world.school, world.officer, 8, values=[4])
    submit_many(campaign, "family", world.school, world.officer, 4, values=[1, 2])
    return world


def _survey_section(snapshot: dict) -> dict:
    return next(s for s in snapshot["sections"] if s["key"] == "surveys")


def _table(section: dict, prefix: str) -> dict:
    return next(t for t in section["tables"] if t["title"].startswith(prefix))


def test_a_group_below_k_is_suppressed_in_the_snapshot(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[surveyed.officer.pk]

    section = _survey_section(snapshot)
    students = _table(section, "Students")
    families = _table(section, "Families")
    assert students["title"] == "Students: 13 respondents"
    fair = next(row for row in students["rows"] if "fair" in row[0].lower())
    assert fair[1] == 13
    assert families["title"] == "Families: suppressed respondents"
    assert all(cell == "suppressed" for row in families["rows"] for cell in row[1:4])


def test_the_pdf_and_xlsx_show_no_suppressed_figure(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[surveyed.officer.pk]
    hidden = [
        value
        for table in _survey_section(snapshot)["tables"]
        for row in table["rows"]
        for value in row[1:]
        if value == "suppressed"
    ]
    assert hidden, "the fixture should hide something"

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_packet_pdf(snapshot))).pages)
    families = text[text.index("Families: "): text.index("Families: ") + 2000]
    assert "4 respondents" not in text
    # The families' real figures: 4 answers, mean 1.5, 0% favourable.
    assert not re.search(r"\b1\.5\b", families.split("All groups")[0])
    assert "suppressed" in families

    workbook = load_workbook(io.BytesIO(render_packet_xlsx(snapshot)))
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Families: 4 respondents" not in cells
    assert "Families: suppressed respondents" in cells


def test_the_summary_charts_favourability_by_group_without_hidden_groups(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[surveyed.officer.pk]

    chart = next(c for c in snapshot["summary"]["charts"] if c["key"] == "survey_favourability")

    values = dict(zip(chart["labels"], chart["values"], strict=True))
    assert values["Families (suppressed)"] is None
    assert values["Students"] > 0
