"""The survey section: results per group as the surveys app hands them over, with
suppressed figures written as "suppressed" and never as numbers, in every rendering."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from packets.assembler import assemble_snapshots
from packets.pdf.document import render_packet_pdf
from packets.xlsx import render_packet_xlsx
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(world):
    """13 students answer (shown, k=5); 4 families answer (fewer than k: hidden), and
    8 staff (shown: the total adds up shown groups only, so it can't give the families away)."""
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        groups=["student", "family", "staff"],
    )
    submit_many(campaign, "student", world.school, world.officer, 13, values=[5, 4, 4, 2])
    submit_many(campaign, "staff", world.school, world.officer, 8, values=[4])
    submit_many(campaign, "family", world.school, world.officer, 4, values=[1, 2])
    release_results(campaign)
    return world


def _survey_section(snapshot: dict) -> dict:
    return next(s for s in snapshot["sections"] if s["key"] == "surveys")


def _table(section: dict, prefix: str) -> dict:
    return next(t for t in section["tables"] if t["title"].startswith(prefix))


def test_a_group_below_k_is_suppressed_in_the_snapshot(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[
        surveyed.officer.pk
    ]

    section = _survey_section(snapshot)
    students = _table(section, "Students")
    families = _table(section, "Families")
    assert students["title"] == "Students: 13 respondents"
    fair = next(row for row in students["rows"] if "fair" in row[0].lower())
    assert fair[1] == 13
    assert families["title"] == "Families: suppressed respondents"
    assert all(cell == "suppressed" for row in families["rows"] for cell in row[1:4])


def test_the_pdf_and_xlsx_show_no_suppressed_figure(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[
        surveyed.officer.pk
    ]
    hidden = [
        value
        for table in _survey_section(snapshot)["tables"]
        for row in table["rows"]
        for value in row[1:]
        if value == "suppressed"
    ]
    assert hidden, "the fixture should hide something"

    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_packet_pdf(snapshot))).pages
    )
    families = text[text.index("Families: ") : text.index("Families: ") + 2000]
    assert "4 respondents" not in text
    # The families' real figures: 4 answers, mean 1.5, 0% favourable.
    assert not re.search(r"\b1\.5\b", families.split("All groups")[0])
    assert "suppressed" in families

    workbook = load_workbook(io.BytesIO(render_packet_xlsx(snapshot)))
    cells = [c for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]
    assert "Families: 4 respondents" not in cells
    assert "Families: suppressed respondents" in cells


def test_the_summary_charts_favourability_by_group_without_hidden_groups(surveyed) -> None:
    snapshot = assemble_snapshots(officer_ids=[surveyed.officer.pk], period=surveyed.period)[
        surveyed.officer.pk
    ]

    chart = next(c for c in snapshot["summary"]["charts"] if c["key"] == "survey_favourability")

    values = dict(zip(chart["labels"], chart["values"], strict=True))
    assert values["Families (suppressed)"] is None
    assert values["Students"] > 0


def test_versions_built_around_one_response_differ_by_nothing_of_it(surveyed) -> None:
    """A packet built, one more response (a later campaign, released), a packet built
    again: the two versions' survey figures are the same (a group of one is hidden
    and adds to no total)."""
    from packets.services.versions import packet_build

    first, _ = packet_build(officer=surveyed.officer, period=surveyed.period)
    later = make_campaign(
        period=surveyed.period,
        schools=[surveyed.school],
        officers=[surveyed.officer],
        groups=["student"],
        name="Later",
    )
    submit_many(later, "student", surveyed.school, surveyed.officer, 1, values=[1])
    release_results(later)
    second, _made = packet_build(officer=surveyed.officer, period=surveyed.period)

    def figures(version) -> list:
        section = _survey_section(version.snapshot)
        return [t["rows"] for t in section["tables"]] + [t["title"] for t in section["tables"]]

    assert figures(second) == figures(first)


def test_raising_k_later_re_suppresses_every_stored_version_when_read(
    surveyed, client_for, api_for
) -> None:
    """8 staff are shown at k=5; the district raises k to 9: the stored version's page,
    API, PDF and XLSX all show the staff suppressed, while the stored snapshot stays as built."""
    from packets.services.versions import packet_build
    from roster.models import Role

    version, _ = packet_build(officer=surveyed.officer, period=surveyed.period)
    assert (
        _table(_survey_section(version.snapshot), "School staff")["title"]
        == "School staff: 8 respondents"
    )
    district = surveyed.district
    district.survey_min_responses = 9
    district.comment_min_responses = 9
    district.save()
    coordinator = surveyed.users[Role.COORDINATOR]

    page = client_for(coordinator).get(f"/packets/versions/{version.pk}/").content.decode()
    assert "School staff: 8 respondents" not in page
    assert "School staff: suppressed respondents" in page
    data = api_for(coordinator).get(f"/api/v1/packet-versions/{version.pk}/").json()
    staff = _table(_survey_section(data["snapshot"]), "School staff")
    assert staff["title"] == "School staff: suppressed respondents"
    assert all(cell == "suppressed" for row in staff["rows"] for cell in row[1:4])
    pdf = client_for(coordinator).get(f"/packets/versions/{version.pk}/pdf/").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "8 respondents" not in text
    assert "k = 9" in " ".join(text.split()), (
        "the PDF says why its figures differ from when it was built"
    )
    xlsx = client_for(coordinator).get(f"/packets/versions/{version.pk}/xlsx/").content
    cells = [
        c
        for sheet in load_workbook(io.BytesIO(xlsx))
        for row in sheet.iter_rows(values_only=True)
        for c in row
    ]
    assert "School staff: 8 respondents" not in cells
    assert "School staff: suppressed respondents" in cells
    version.refresh_from_db()
    assert (
        _table(_survey_section(version.snapshot), "School staff")["title"]
        == "School staff: 8 respondents"
    )

    district.survey_min_responses = 5
    district.comment_min_responses = 8
    district.save()
    data = api_for(coordinator).get(f"/api/v1/packet-versions/{version.pk}/").json()
    assert (
        _table(_survey_section(data["snapshot"]), "School staff")["title"]
        == "School staff: 8 respondents"
    )
