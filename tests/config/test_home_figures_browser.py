"""The coordinator's home with its headline figures, in Chromium: axe-clean, screenshot
in /tmp/shots/home-figures.png."""

from __future__ import annotations

from pathlib import Path

import pytest

# The browser fixtures live in tests/browser/conftest.py; imported, pytest finds them here.
from tests.browser.conftest import assert_accessible, browser, log_in, page  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
SHOTS = Path("/tmp/shots")


def test_the_coordinators_home_shows_figures_and_trends_accessibly(
    live_server,
    page,  # noqa: F811 (the fixture imported above)
) -> None:
    from tests.config.test_home_figures import furnish_district_year
    from tests.scoping import ScopeWorld

    world = furnish_district_year(ScopeWorld.build())
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("heading", name="What you have to do").wait_for()
    page.goto(f"{live_server.url}/")

    page.get_by_role("heading", name=f"{world.district.name} at a glance").wait_for()
    trends = page.get_by_role("img", name="Evaluations completed by period")
    assert trends.count() == 1
    # The numbers are in the SVG's description and, for everyone, in text under it.
    assert (
        page.get_by_role("paragraph").filter(has_text="2026-27: 1 of 2 signed").first.is_visible()
    )
    assert page.get_by_role("link", name="Open flags").is_visible()
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-figures.png"), full_page=True)
