"""Issue 20: the public report says when it was published, how recent its data is, the
period it really covers and how to read it — on the page and in the CSV, XLSX and PDF."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from activity.models import ReportRelease
from activity.report_exports.text import long_date
from tests.activity.report_world import ReportWorld

pytestmark = pytest.mark.django_db

METHOD = "What is counted: each enforcement action"
WHY = "Why some figures are suppressed: a count from 1 to 9"


@pytest.fixture
def world() -> ReportWorld:
    return ReportWorld()


def _dates(world: ReportWorld) -> tuple[str, str, str]:
    today = long_date(timezone.localdate())
    return today, today, long_date(world.running.end_date)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_running_years_release_is_dated_today_and_covers_up_to_today(world) -> None:
    release = ReportRelease.objects.get(period=world.running)
    past = ReportRelease.objects.get(period=world.past)

    assert release.data_as_of == timezone.localdate()
    assert past.data_as_of == world.past.end_date


def test_the_page_says_when_it_was_published_what_it_covers_and_how_to_read_it(world) -> None:
    published, as_of, year_end = _dates(world)

    page = _flat(Client().get(world.url()).content.decode())

    assert f"<dt>Published</dt><dd>{published}</dd>" in page
    assert f"<dt>Data as of</dt><dd>{as_of}</dd>" in page
    assert f"From August 1, 2026 to {as_of} (the school year so far; it ends {year_end})." in page
    assert "From August 1, 2026 to July 31, 2027 (the whole" not in page
    assert METHOD in page
    assert WHY in page
    assert "since an earlier release of the same year showed it" in page
    assert "<dt>suppressed</dt><dd>A count below 10" in page


def test_a_finished_year_says_it_covers_the_whole_year(world) -> None:
    page = _flat(Client().get(world.url("2025-26")).content.decode())

    assert "From August 1, 2025 to July 31, 2026 (the whole school year)." in page
    assert "<dt>Data as of</dt><dd>July 31, 2026</dd>" in page


def test_the_csv_carries_the_dates_period_and_method_note_before_the_figures(world) -> None:
    published, as_of, _year_end = _dates(world)

    rows = list(
        csv.reader(io.StringIO(Client().get(world.url(fmt="csv")).content.decode("utf-8-sig")))
    )

    assert rows[0] == ["table_id", "table", "row", "measure", "value"]
    about = {r[3]: r[4] for r in rows if r[0] == "about" and r[3] != "Method"}
    assert about["Published"] == published
    assert about["Data as of"] == as_of
    assert "the school year so far" in about["Period covered"]
    methods = [r[4] for r in rows if r[0] == "about" and r[3] == "Method"]
    assert methods[0].startswith(METHOD)
    assert methods[1].startswith(WHY)
    assert about["Legend: suppressed"].startswith("A count below 10")
    assert [
        "enforcement",
        "Enforcement actions by type",
        "Beta High School",
        "Arrest",
        "20",
    ] in rows


def test_the_xlsx_about_sheet_carries_the_dates_period_and_method_note(world) -> None:
    published, as_of, _end = _dates(world)

    workbook = openpyxl.load_workbook(io.BytesIO(Client().get(world.url(fmt="xlsx")).content))

    about = {row[0]: row[1] for row in workbook["About"].iter_rows(values_only=True)}
    assert about["Published"] == published
    assert about["Data as of"] == as_of
    assert "the school year so far" in about["Period covered"]
    methods = [
        row[1] for row in workbook["About"].iter_rows(values_only=True) if row[0] == "Method"
    ]
    assert methods[0].startswith(METHOD)
    assert methods[1].startswith(WHY)


def test_every_pdf_page_is_numbered_and_dated(world) -> None:
    published, as_of, _end = _dates(world)

    reader = PdfReader(io.BytesIO(Client().get(world.url(fmt="pdf")).content))
    pages = [_flat(page.extract_text()) for page in reader.pages]

    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Published: {published} · Data as of: {as_of}" in text
        assert "Riverside USD — 2026-27" in text
    assert METHOD in pages[0]
    assert "the school year so far" in pages[0]


def test_no_pdf_page_ends_on_a_heading(world) -> None:
    """A table's title and description go to the page of the table they introduce."""
    from activity.selectors.report_labels import table_text

    reader = PdfReader(io.BytesIO(Client().get(world.url(fmt="pdf")).content))
    slugs = ["incidents", "enforcement", "rates", "complaints", "arrest-race_ethnicity"]
    titles = {table_text(slug).title for slug in slugs}  # type: ignore[union-attr]
    for page in reader.pages[:-1]:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [
            line for line in lines if not re.match(r"^(Riverside USD —|Published:|Page \d)", line)
        ]
        assert body[-1] not in titles, body[-3:]


def test_an_english_learner_table_is_named_with_a_capital_in_every_format(world) -> None:
    client = Client()
    page = client.get(world.url()).content.decode()
    text = client.get(world.url(fmt="csv")).content.decode("utf-8-sig")
    pdf = _flat(
        " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(client.get(world.url(fmt="pdf")).content)).pages
        )
    )
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(world.url(fmt="xlsx")).content))

    for shown in (page, text, pdf):
        assert "Arrests by English learner" in shown
        assert "english learner" not in shown
    assert "Arrests, English learners" in workbook.sheetnames


def test_chart_labels_wrap_instead_of_being_cut(world) -> None:
    page = Client().get(world.url()).content.decode()

    svg = page[page.index('id="chart-relative-race-title"') :]
    svg = svg[: svg.index("</svg>")]
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "Native Hawaiian or Other Pacific Islander" in " ".join(spans)
    assert "…" not in svg
