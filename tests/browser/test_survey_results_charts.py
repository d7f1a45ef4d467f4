"""In a real browser: a coordinator reads an officer's survey results as answer bars."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_reads_the_answer_bars_and_the_suppressed_group(live_server, page) -> None:
    from surveys.models import RespondentGroup
    from tests.factories.surveys import make_campaign, release_results, submit_many
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    submit_many(
        campaign, RespondentGroup.STAFF, world.school, world.officer, 10, values=[5, 4, 4, 3, 1]
    )
    submit_many(campaign, RespondentGroup.STUDENT, world.school, world.officer, 2, values=[1])
    release_results(campaign)

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/surveys/results/?period={world.period.pk}")
    page.get_by_role("heading", name=f"Survey results, {world.period.name}").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=world.officer.full_name).click()

    page.get_by_role("heading", name="How to read the answer bars").wait_for()
    bars = page.get_by_role("img", name="60.0% favourable, 20.0% neutral, 20.0% unfavourable")
    assert bars.count() >= 2, "the staff's two agree questions (and the all-groups total)"
    assert bars.first.bounding_box()["width"] > 100, "the bar is drawn, not collapsed"
    assert page.get_by_text("Respondents: suppressed").count() >= 1, "two students are below k"
    assert_accessible(page)
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=os.path.join(os.environ["SCREENSHOT_DIR"], "survey-results.png"), full_page=True
        )
