"""The public report and complaint pages in Chromium: no login, no JavaScript, axe-clean."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _published_world():
    from activity.services.reports import report_publish
    from tests.factories.activity import ComplaintFactory, enrollment_of, incident_with
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    for index in range(14):
        incident_with(
            "arrest" if index < 11 else "warning",
            officer=world.officer,
            school=world.school,
            race_ethnicity="black" if index < 4 else "white",
        )
    enrollment_of(
        world.school,
        world.period,
        {"all": 800, "race_ethnicity:black": 160, "race_ethnicity:white": 640},
    )
    ComplaintFactory(school=world.school, officer=world.officer)
    report_publish(district=world.district, period=world.period, actor=world.users["coordinator"])
    return world


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_the_public_report_works_without_login_or_javascript(live_server, no_js_page) -> None:
    _published_world()

    no_js_page.goto(f"{live_server.url}/public/activity/HOME/2026-27/")

    no_js_page.get_by_role(
        "heading", name="HOME School District: law-enforcement activity in schools, 2026-27"
    ).wait_for()
    table = no_js_page.get_by_role("table", name="Arrests by race/ethnicity, 2026-27")
    row = table.get_by_role("row", name="School HOME-HS")
    assert row.get_by_role("cell").all_inner_texts() == [
        "0",
        "0",
        "0",
        "suppressed",
        "0",
        "suppressed",
        "0",
        "11",
    ]
    assert no_js_page.get_by_role("img", name="Arrests per 1,000 students, by school").is_visible()
    with no_js_page.expect_download() as download:
        no_js_page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == "HOME-activity-2026-27.pdf"


def test_an_anonymous_complaint_and_its_status_without_javascript(live_server, no_js_page) -> None:
    world = _published_world()

    no_js_page.goto(f"{live_server.url}/public/complaints/HOME/")
    no_js_page.get_by_label("Anonymous").check()
    no_js_page.get_by_label("Discourtesy").check()
    no_js_page.get_by_label("School", exact=True).select_option(str(world.school.pk))
    no_js_page.get_by_label("What happened?").fill("The officer mocked my friend in the cafeteria.")
    no_js_page.get_by_role("button", name="Send the complaint").click()
    code = no_js_page.locator("#tracking-code").inner_text()
    no_js_page.get_by_role("link", name="Check the status of a complaint").click()
    no_js_page.get_by_label("Tracking code").fill(code)
    no_js_page.get_by_role("button", name="Check status").click()

    # Issue 20: the status is the heading over the dated steps (it was a role=status line).
    no_js_page.get_by_role("heading", name="Status: Received").wait_for()
    assert "cafeteria" not in no_js_page.content()


@pytest.mark.parametrize(
    "path",
    ["/public/activity/HOME/2026-27/", "/public/complaints/HOME/", "/public/complaints/track/"],
)
def test_the_public_pages_pass_axe(live_server, page, phone_page, path) -> None:
    _published_world()

    for browser_page in (page, phone_page):
        browser_page.goto(f"{live_server.url}{path}")
        browser_page.get_by_role("heading", level=1).wait_for()
        assert_accessible(browser_page)


def test_the_staff_activity_pages_pass_axe(live_server, page) -> None:
    from tests.factories.activity import ComplaintFactory

    world = _published_world()
    complaint = ComplaintFactory(school=world.school, officer=world.officer)
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("heading", name="What you have to do").wait_for()

    for path in [
        "/activity/",
        "/activity/incidents/new/",
        "/activity/imports/",
        f"/activity/complaints/{complaint.pk}/",
        "/activity/reports/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.get_by_role("heading", level=1).wait_for()
        assert_accessible(page)
