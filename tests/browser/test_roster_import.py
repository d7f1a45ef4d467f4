"""A coordinator uploads an officers file, names the new agency, confirms; pages pass axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_imports_officers_naming_the_new_agency(live_server, page, tmp_path) -> None:
    from roster.models import Agency, Officer
    from tests.scoping import ScopeWorld

    ScopeWorld.build()
    roster = tmp_path / "officers.csv"
    roster.write_text(
        "Agency,Badge #,Officer Name,School\n"
        'HOMEPD,7001,"REYES, ANA",HOME-HS\n'
        "NEWSO,S-12,Sam Ortiz,HOME-HS\n"
    )

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/setup/roster-imports/")
    page.get_by_role("heading", name="Import schools or officers").wait_for()
    assert_accessible(page)

    page.get_by_label("Roster file (XLSX or CSV)").set_input_files(str(roster))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("heading", name="officers.csv").wait_for()
    rows = page.get_by_role("table").inner_text()
    assert "Reyes" in rows
    assert "new, assignment starts at HOME-HS" in rows
    assert_accessible(page)

    # The name is required: the browser won't send the form without it (the server
    # refuses it too, tests/roster/test_import_pages.py).
    name = page.get_by_label("Name of the new agency NEWSO")
    assert name.get_attribute("required") is not None
    page.get_by_role("button", name="Import 2 rows").click()
    assert not Agency.objects.filter(code="NEWSO").exists()

    name.fill("Newtown Sheriff's Office")
    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_text("Imported officers.csv: 2 new").wait_for()
    assert_accessible(page)

    assert Agency.objects.get(code="NEWSO").name == "Newtown Sheriff's Office"
    assert Officer.objects.filter(badge_number__in=["7001", "S-12"]).count() == 2


def test_a_refused_file_points_to_the_column_names_page_and_it_passes_axe(
    live_server, page, tmp_path
) -> None:
    from tests.scoping import ScopeWorld

    ScopeWorld.build()
    roster = tmp_path / "payroll.csv"
    roster.write_text("Payroll No,Surname,Given\n7001,Reyes,Ana\n")

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/setup/roster-imports/")
    page.get_by_label("Roster file (XLSX or CSV)").set_input_files(str(roster))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_text("'Payroll No', 'Surname', 'Given'").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="set the column names of roster files").click()
    page.get_by_role("heading", name="Column names of roster files").wait_for()
    assert_accessible(page)
