"""A principal completes an evaluation from login to submit; the supervisor signs it;
the officer acknowledges it with a disagreement. Every page passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

CODES = [
    "de_escalation",
    "alternatives_to_arrest",
    "role_clarity",
    "relationships_mentoring",
    "communication",
    "civil_rights",
    "adolescent_development",
    "collaboration_leadership",
    "professionalism",
]


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username").wait_for()


def test_an_evaluation_from_the_principal_to_the_officers_disagreement(live_server, page) -> None:
    from evaluations.models import Evaluation, EvaluationStatus
    from evaluations.services.rubrics import rubric_load_default
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    rubric_load_default(district=world.district)
    officer_name = world.officer.full_name

    # The principal: list -> start -> form -> draft -> summary -> sign.
    log_in(page, live_server, "the-principal")
    page.get_by_role("link", name="Evaluations", exact=True).click()
    page.get_by_role("heading", name="Officers to evaluate").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name=f"Evaluate {officer_name}").click()
    page.get_by_role("heading", name=f"Evaluate {officer_name}").wait_for()
    assert page.get_by_text("Escalates situations through commands").is_visible()
    assert_accessible(page)

    for code in CODES:
        page.check(f"#id_level_{code}_3")
    page.check("#id_level_de_escalation_1")
    page.get_by_label("Evidence for De-escalation").fill(
        "2 October: shouted at a student and used handcuffs."
    )
    page.get_by_label("Commendations").fill("Runs a lunchtime mentoring group.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    assert page.locator("#id_level_de_escalation_1").is_checked()

    page.get_by_role("button", name="Save and review before submitting").click()
    page.get_by_role("heading", name=f"Submit the evaluation of {officer_name}").wait_for()
    assert page.get_by_text("Developing (weighted mean").is_visible()
    assert_accessible(page)
    page.get_by_label("I have completed this evaluation and sign it").check()
    page.get_by_role("button", name="Submit and sign").click()
    page.get_by_text("Evaluation submitted and signed. It is now locked.").wait_for()
    assert_accessible(page)
    _log_out(page)

    # The supervisor signs the review.
    log_in(page, live_server, "the-supervisor")
    page.goto(f"{live_server.url}/evaluations/")
    page.get_by_role("link", name=officer_name).first.click()
    page.get_by_role("heading", name="Supervisor review").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Sign as reviewed").click()
    page.get_by_text("Evaluation reviewed and signed.").wait_for()
    _log_out(page)

    # The officer disagrees, in writing.
    log_in(page, live_server, "the-officer")
    page.get_by_role("link", name="Evaluations to acknowledge").click()
    page.get_by_role("link", name=world.school.name).click()
    page.get_by_role("heading", name="Your acknowledgement").wait_for()
    assert_accessible(page)
    page.get_by_label("I disagree").check()
    page.get_by_role("button", name="I have seen this evaluation").click()
    page.get_by_text(
        "If you disagree, write your response: it travels with the evaluation.", exact=True
    ).wait_for()
    page.get_by_label("I disagree").check()
    page.get_by_label(re.compile("Your written response")).fill(
        "I restrained a student who was hitting another."
    )
    page.get_by_role("button", name="I have seen this evaluation").click()
    page.get_by_text("You have acknowledged this evaluation.").wait_for()
    assert page.get_by_text("I restrained a student who was hitting another.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="History of changes").click()
    page.get_by_role("heading", name=re.compile("History of the evaluation")).wait_for()
    assert page.get_by_text("Acknowledged by the officer").is_visible()
    assert_accessible(page)

    evaluation = Evaluation.objects.get()
    assert evaluation.status == EvaluationStatus.ACKNOWLEDGED
    assert evaluation.officer_agrees is False
    assert evaluation.overall_label == "Developing"


def test_the_evaluation_form_works_on_a_phone(live_server, phone_page) -> None:
    from evaluations.services.evaluations import evaluation_start
    from evaluations.services.rubrics import rubric_load_default
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    rubric = rubric_load_default(district=world.district)
    evaluation = evaluation_start(
        officer=world.officer,
        school=world.school,
        period=world.period,
        evaluator=world.users["principal"],
        rubric=rubric,
    )

    log_in(phone_page, live_server, "the-principal")
    phone_page.goto(f"{live_server.url}/evaluations/{evaluation.pk}/edit/")
    phone_page.check("#id_level_communication_4")
    phone_page.get_by_role("button", name="Save draft").click()

    phone_page.get_by_text("Exemplary needs written evidence").wait_for()
    assert phone_page.locator("#id_level_communication_4").is_checked()
    assert_accessible(phone_page)


def test_a_coordinator_revises_the_rubric_from_its_page(live_server, page) -> None:
    from evaluations.models import Rubric
    from evaluations.services.rubrics import rubric_load_default
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    rubric = rubric_load_default(district=world.district)

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/rubrics/{rubric.pk}/")
    page.get_by_role("link", name="Revise this rubric").click()
    page.get_by_role("heading", name=re.compile("^Revise ")).wait_for()
    assert page.get_by_role("group", name=re.compile(r"\(new\)$")).count() == 1
    page.get_by_role("button", name="Add another competency").click()
    page.get_by_role("group", name=re.compile(r"\(new\)$")).nth(1).wait_for()
    assert_accessible(page)

    page.get_by_label("Exemplary descriptor").first.fill(
        "Coaches colleagues through a crisis without force."
    )
    page.get_by_role("button", name="Save the rubric").click()

    page.get_by_text("version 1, saved.").wait_for()
    assert_accessible(page)
    first = Rubric.objects.get(pk=rubric.pk).competencies.first()
    assert first.exemplary == "Coaches colleagues through a crisis without force."
