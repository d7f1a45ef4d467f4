"""The staff pages of the SECURe program record (the MOU record, hiring, the
self-assessment) have no serious or critical axe-core violation, as the coordinator
and as a principal who sits on a selection panel sees them; the version comparison
stacks its columns on a phone instead of running off the screen."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SRO360_SCREENSHOTS", "")


def _screenshot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _program_record(world):
    """An open MOU review with a proposed version, a selection record with the
    principal on its panel, and this year's self-assessment."""
    from hiring.models import Panelist, PanelistKind
    from roster.models import Role
    from selfassessment.services.assessments import selfassessment_start
    from tests.agreements.test_comments_service import review_with_window
    from tests.factories.hiring import representative, selection_for

    review = review_with_window(world)
    selection = selection_for(school=world.school, candidate=world.officer)
    Panelist.objects.create(
        record=selection,
        user=world.users[Role.PRINCIPAL],
        name="Pat Principal",
        kind=PanelistKind.SCHOOL_STAFF,
    )
    representative(selection, name="Rosa Delgado")
    assessment = selfassessment_start(period=world.period, actor=world.users[Role.COORDINATOR])
    return review, selection, assessment


def test_the_coordinators_program_record_pages_pass_axe(live_server, page) -> None:
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    review, selection, assessment = _program_record(world)
    base, proposed = review.base_version, review.proposed_version
    pages = {
        "mou-record": f"/agreements/mous/{review.mou_id}/",
        "version": f"/agreements/versions/{proposed.pk}/",
        "version-edit": f"/agreements/versions/{proposed.pk}/edit/",
        "compare": f"/agreements/versions/{base.pk}/compare/?with={proposed.pk}",
        "compare-unchosen": f"/agreements/versions/{base.pk}/compare/",
        "review": f"/agreements/reviews/{review.pk}/",
        "review-new": f"/agreements/mous/{review.mou_id}/reviews/new/",
        "guidelines": "/hiring/guidelines/",
        "guideline": f"/hiring/guidelines/{selection.guideline_id}/",
        "selections": "/hiring/selections/",
        "selection-new": "/hiring/selections/new/",
        "selection": f"/hiring/selections/{selection.pk}/",
        "self-assessments": "/self-assessment/",
        "self-assessment": f"/self-assessment/{assessment.pk}/",
    }
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("button", name="Log out").wait_for()
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None, (name, path)
        assert response.status == 200, (name, path)
        assert_accessible(page)
        _screenshot(page, f"staff-{name}")

    # What people read, not stored codes: the checklist by name, the undecided selection.
    page.goto(f"{live_server.url}/self-assessment/")
    assert page.get_by_text("SECURe 2016 checklist").first.is_visible()
    assert not page.get_by_text("secure-2016.csv@").count()
    page.goto(f"{live_server.url}/hiring/selections/")
    assert page.get_by_role("cell", name="Not decided yet").is_visible()
    page.goto(f"{live_server.url}/agreements/versions/{base.pk}/compare/")
    assert page.get_by_text("Choose the version to compare version").is_visible()


def test_the_comparison_stacks_on_a_phone(live_server, phone_page) -> None:
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    review, _, _ = _program_record(world)
    page = phone_page
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("button", name="Log out").wait_for()
    base, proposed = review.base_version, review.proposed_version
    page.goto(f"{live_server.url}/agreements/versions/{base.pk}/compare/?with={proposed.pk}")
    page.get_by_role("heading", name="compare versions").wait_for()
    table_width = page.eval_on_selector(".compare-table", "e => e.getBoundingClientRect().right")
    assert table_width <= 390, table_width
    assert_accessible(page)
    _screenshot(page, "staff-compare-phone")


def test_a_principal_on_the_panel_reads_the_score_scale_and_passes_axe(live_server, page) -> None:
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    _, selection, _ = _program_record(world)
    log_in(page, live_server, "the-principal")
    page.goto(f"{live_server.url}/hiring/selections/{selection.pk}/")
    page.get_by_role("heading", name="Your scores").wait_for()
    assert page.get_by_text("Score each quality from 1 (not shown) to 4 (shown strongly)").count()
    assert_accessible(page)
    _screenshot(page, "staff-selection-panelist")
