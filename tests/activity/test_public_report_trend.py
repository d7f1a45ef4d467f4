"""Issue 20: the headline figures year by year, read from published releases only, with
their suppression (a hidden figure stays hidden, never a zero); and whom to ask."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.test import Client
from pypdf import PdfReader

from activity.models import PublishedReport
from activity.services.reports import report_unpublish
from tests.activity.report_world import ReportWorld
from tests.factories.activity import incident_with
from tests.factories.roster import EvaluationPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ReportWorld:
    return ReportWorld()


def _trend_csv(world: ReportWorld) -> dict[tuple[str, str], str]:
    rows = csv.reader(io.StringIO(Client().get(world.url(fmt="csv")).content.decode("utf-8-sig")))
    return {(r[2], r[3]): r[4] for r in rows if r[0] == "trend"}


def _running_label(world: ReportWorld) -> str:
    return next(label for label, _ in _trend_csv(world) if label.startswith("2026-27"))


def test_the_trend_shows_each_published_year_and_keeps_a_suppressed_year_suppressed(
    world,
) -> None:
    trend = _trend_csv(world)
    running = _running_label(world)

    # 2025-26: 3 arrests, below the threshold of 10: suppressed, not 0 and not 3.
    assert trend[("2025-26", "Arrests")] == "suppressed"
    assert trend[(running, "Arrests")] == "35"
    assert trend[(running, "Share handled with an alternative")] == "suppressed"
    assert running.startswith("2026-27 (to ")  # a running year says where it stops
    assert trend[("2025-26", "Complaints")] == "0"


def test_the_trend_reads_releases_not_live_data(world) -> None:
    """Arrests added after publishing change no published figure, in any year."""
    before = _trend_csv(world)
    for _index in range(12):
        incident_with("arrest", officer=world.officer, school=world.beta)

    assert _trend_csv(world) == before


def test_a_year_taken_down_or_never_published_is_not_in_the_trend(world) -> None:
    EvaluationPeriodFactory(district=world.district, name="2024-25")
    report_unpublish(report=PublishedReport.objects.get(period=world.past), actor=world.coordinator)

    labels = {label for label, _ in _trend_csv(world)}

    assert labels == {_running_label(world)}


def test_the_trend_is_on_the_page_in_the_pdf_and_in_the_workbook(world) -> None:
    client = Client()
    page = client.get(world.url()).content.decode()
    pdf = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(client.get(world.url(fmt="pdf")).content)).pages
    )
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(world.url(fmt="xlsx")).content))

    assert "Trends over the published school years" in page
    assert '<th scope="row">2025-26</th><td>suppressed</td>' in page
    assert 'id="chart-trend-arrests-title"' in page
    assert "Trends over the published school years" in pdf
    assert "2025-26 suppressed" in " ".join(pdf.split())
    rows = list(workbook["Trends"].iter_rows(values_only=True))
    assert rows[0] == (
        "School year",
        "Arrests",
        "Referrals to law enforcement",
        "Share handled with an alternative",
        "Complaints",
    )
    assert rows[1][:2] == ("2025-26", "suppressed")
    assert rows[2][1] == 35


def test_the_workbook_holds_rounded_numbers_and_percentages_as_numbers(world) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(Client().get(world.url(fmt="xlsx")).content))

    rates = workbook["Rates"]
    header = [cell.value for cell in rates[1]]
    total = next(row for row in rates.iter_rows() if row[0].value == "All schools")
    arrests = total[header.index("Arrests per 1,000 students")]
    assert arrests.value == 10.0  # 35 arrests of 3,500 students, shown "10.0"
    assert "Relative rate, English learners" in workbook.sheetnames  # whole, not cut at 31
    for name in workbook.sheetnames:
        assert len(name) <= 31
        assert "_" not in name
        assert "-" not in name.replace("2025-26", "")


def test_the_page_names_the_districts_contact_or_says_whom_to_ask(world) -> None:
    page = Client().get(world.url()).content.decode()
    assert "For questions about these figures, contact the Riverside USD district office." in page

    world.district.public_contact_name = "Office of Student Services"
    world.district.public_contact_email = "students@riverside.example"
    world.district.public_contact_phone = "555-0100"
    world.district.save()
    page = Client().get(world.url()).content.decode()
    pdf = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(Client().get(world.url(fmt="pdf")).content)).pages
    )

    assert "Office of Student Services" in page
    assert '<a href="mailto:students@riverside.example">' in page
    assert "555-0100" in page
    assert "555-0100" in pdf
    assert "district office" not in page


def test_a_coordinator_sets_the_contact_on_the_settings_page_and_api(world, client_for) -> None:
    client = client_for(world.coordinator)
    response = client.patch(
        f"/api/v1/districts/{world.district.pk}/",
        {"public_contact_name": "Family Center", "public_contact_phone": "555-0199"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["public_contact_name"] == "Family Center"
    world.district.refresh_from_db()
    assert world.district.public_contact_phone == "555-0199"
    page = client.get(f"/setup/districts/{world.district.pk}/").content.decode()
    assert 'name="public_contact_email"' in page


def test_the_page_with_its_trend_takes_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
) -> None:
    """Five published years cost what two do: the trend is one query for its releases."""
    from activity.services.reports import report_publish

    for year in (2021, 2022, 2023):
        period = EvaluationPeriodFactory(
            district=world.district,
            name=f"{year}-{year - 1999}",
            start_date=datetime.date(year, 8, 1),
            end_date=datetime.date(year + 1, 7, 31),
        )
        report_publish(district=world.district, period=period, actor=world.coordinator)
    client = Client()

    with django_assert_max_num_queries(8):
        page = client.get(world.url()).content.decode()

    assert page.count('<th scope="row">20') == 5
