"""A principal files a removal request on a phone; the agency denies it; pages stay accessible."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_principal_files_a_removal_request_and_the_agency_answers(
    live_server, phone_page, browser
) -> None:
    from flags.models import RemovalRequest, RemovalStatus
    from tests.factories.flags import FlagFactory, FlagRuleFactory, removal_setting

    s = removal_setting()
    FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Sustained complaints"),
        officer=s.officer,
        severity="review",
    )

    page = phone_page
    log_in(page, live_server, "the-principal")
    page.goto(f"{live_server.url}/removals/new/")
    page.get_by_label("Officer").select_option(
        label=f"Luis Lee (MCPD #{s.officer.badge_number}) at Lincoln High"
    )
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("Why should the officer be removed?").fill(
        "Repeated arrests for dress-code matters."
    )
    page.get_by_label("Sustained complaints", exact=False).check()
    page.get_by_role("button", name="File the request").click()
    page.get_by_role("heading", name="Removal request: Luis Lee").wait_for()
    assert "45 days under the MOU" in page.content()
    assert_accessible(page)

    request = RemovalRequest.objects.get()
    agency = browser.new_context().new_page()
    log_in(agency, live_server, "the-supervisor")
    agency.goto(f"{live_server.url}/removals/{request.pk}/")
    agency.get_by_label("Deny", exact=True).check()
    agency.get_by_label("Reasons (required to deny)").fill(
        "The arrests followed the MOU's criteria."
    )
    agency.get_by_role("button", name="Record the decision").click()
    agency.get_by_text("The decision is recorded.").wait_for()
    assert "locked" in agency.content()
    request.refresh_from_db()
    assert request.status == RemovalStatus.DENIED


def test_the_flag_board_is_accessible(live_server, page) -> None:
    from tests.factories.flags import FlagFactory, FlagRuleFactory, removal_setting

    s = removal_setting()
    FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Use of force"),
        officer=s.officer,
        severity="removal",
    )
    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/flags/")
    assert page.get_by_role("link", name="Use of force").is_visible()
    assert_accessible(page)
