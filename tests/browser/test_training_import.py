"""A supervisor uploads a training log, reads the preview, confirms; pages pass axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _world():
    import datetime

    from roster.models import MOU
    from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
    from tests.scoping import ScopeWorld
    from training_records.models import Category

    world = ScopeWorld.build()
    rights = CourseFactory(
        code="CR-4", title="Civil Rights in Schools", category=Category.CIVIL_RIGHTS
    )
    RequirementFactory(
        mou=MOU.objects.get(district=world.district), course=rights, refresh_months=12
    )
    RecordFactory(officer=world.officer, course=rights, completed_on=datetime.date(2024, 9, 1))
    return world


def test_a_supervisor_imports_a_log_through_preview_and_confirm(
    live_server, page, tmp_path
) -> None:
    world = _world()
    log = tmp_path / "log.csv"
    log.write_text(
        f"Badge,Course Code,Date,Hours\n{world.officer.badge_number},CR-4,2026-09-01,4\n"
    )

    log_in(page, live_server, "the-supervisor")
    page.get_by_role("link", name="Training", exact=True).click()
    page.get_by_role("heading", name="Training compliance").wait_for()
    assert "Overdue" in page.get_by_role("table").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Import a training log").click()
    page.get_by_label("Training log (XLSX or CSV)").set_input_files(str(log))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_role("button", name="Import 1 new records").wait_for()
    assert "2026-09-01" in page.get_by_role("table").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Import 1 new records").click()
    page.get_by_text("Imported 1 records").wait_for()

    page.goto(f"{live_server.url}/training/")
    assert "Met" in page.get_by_role("table").inner_text()


def test_an_officer_reads_their_transcript_on_a_phone(live_server, phone_page) -> None:
    world = _world()

    log_in(phone_page, live_server, "the-officer")
    phone_page.goto(f"{live_server.url}/training/officers/{world.officer.pk}/")

    phone_page.get_by_role("heading", name="Records").wait_for()
    assert "Civil Rights in Schools" in phone_page.content()
    assert_accessible(phone_page)


def test_the_other_training_pages_pass_axe(live_server, page) -> None:
    world = _world()

    log_in(page, live_server, "the-coordinator")
    for path, heading in [
        ("/training/catalog/", "Course catalog"),
        ("/training/imports/", "Import a training log"),
        (
            f"/training/agencies/{world.agency.pk}/columns/",
            f"Column names used by {world.agency.name}",
        ),
        ("/training/staff-sessions/", "School staff training"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        assert_accessible(page)
