"""The summary as the supervisor reads it: on the PDF's summary page and on the packet
page, with the prior period and its trends."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from packets.pdf.document import render_packet_pdf
from roster.models import Role
from tests.factories.packets import add_packet_inputs, built_version
from tests.html_checks import assert_ids_consistent
from tests.packets.test_packet_summary_comparisons import _incidents, _prior_period, _signed

pytestmark = pytest.mark.django_db


def _with_prior_year(world):
    add_packet_inputs(world, scale=1)  # the current period, a signed evaluation at level 3
    prior = _prior_period(world)
    _incidents(world.officer, world.school, arrests=2, diversions=5, day=datetime.date(2025, 10, 1))
    _signed(world, prior, 2)
    return built_version(world.officer, world.period)


def test_the_pdf_summary_page_holds_the_headline_comparisons_and_trends_on_one_page(world) -> None:
    version = _with_prior_year(world)

    pages = PdfReader(io.BytesIO(render_packet_pdf(version.snapshot))).pages
    summary_page = " ".join(pages[1].extract_text().split())

    assert "Rubric rating 3.00: Proficient" in summary_page
    assert "Strengths" in summary_page
    assert "Concerns" in summary_page
    assert "prior period (2025-26)" in summary_page
    assert "Year over year" in summary_page
    assert "Read with caution" in summary_page
    # Every comparison figure with two decimals, whatever its column.
    assert "60.00 60.00 71.40" in summary_page


def test_the_packet_page_shows_the_summary_as_tables_with_bars_hidden_from_readers(
    world, client_for
) -> None:
    version = _with_prior_year(world)

    page = client_for(world.users[Role.SUPERVISOR]).get(f"/packets/versions/{version.pk}/")
    html = page.content.decode()

    assert page.status_code == 200
    assert "Rubric rating 3.00: Proficient" in html
    assert (
        "<caption>Beside the district (activity: its median officer) and the officer&#x27;s prior period (2025-26)</caption>"
        in html
    )
    assert "<caption>Year over year</caption>" in html
    assert '<th scope="row">Rubric score</th><td>2.00</td><td>3.00</td>' in html
    assert '<svg aria-hidden="true"' in html
    assert "<script" not in html.split("<h2>Summary</h2>")[1].split("<h2>Versions</h2>")[0]
    assert_ids_consistent(html)
