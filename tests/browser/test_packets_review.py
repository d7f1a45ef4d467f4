"""In a real browser: a supervisor signs a packet off and the officer acknowledges it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def test_a_supervisor_signs_a_packet_off_and_the_officer_acknowledges_it(live_server, page) -> None:
    from packets.models import PacketStatus
    from tests.factories.packets import built_version
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    version = built_version(world.officer, world.period)

    log_in(page, live_server, "the-supervisor")
    page.goto(f"{live_server.url}/packets/")
    page.get_by_role("link", name=f"{world.officer.last_name}, {world.officer.first_name}").click()
    page.get_by_role("heading", name=f"Evaluation packet: {world.officer.full_name}").wait_for()
    assert_accessible(page)
    page.get_by_label("I have read this version of the packet and sign it off as it is.").check()
    page.get_by_role("button", name=f"Sign off version {version.number}").click()
    page.get_by_text(f"Version {version.number} is signed off and locked.").wait_for()
    assert page.get_by_role("button", name="Sign off").count() == 0
    assert_accessible(page)
    _log_out(page)

    log_in(page, live_server, "the-officer")
    page.goto(f"{live_server.url}/packets/versions/{version.pk}/")
    assert_accessible(page)
    page.get_by_label("Your response (optional)").fill("I have read it.")
    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_text("You acknowledged your packet.").wait_for()
    assert "Acknowledged by the officer" in page.locator("#packet-status").inner_text()
    assert_accessible(page)

    version.refresh_from_db()
    assert version.status == PacketStatus.ACKNOWLEDGED
    assert version.officer_comment == "I have read it."


def test_the_packet_pages_work_on_a_phone(live_server, phone_page) -> None:
    from tests.factories.packets import built_version
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    version = built_version(world.officer, world.period)

    log_in(phone_page, live_server, "the-principal")
    phone_page.goto(f"{live_server.url}/packets/versions/{version.pk}/")

    phone_page.get_by_role("heading", name="Profile and assignments").wait_for()
    assert phone_page.get_by_role("link", name="Download PDF").is_visible()
    assert_accessible(phone_page)
