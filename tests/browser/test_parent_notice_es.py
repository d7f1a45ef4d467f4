"""A parent on a phone reads the notice and the questions and opts a child out: in
Spanish (es-MX), and once in English. Axe with no moderate violation, 44 px targets."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = "/tmp/h4"


def _notice():
    from roster.models import Role
    from tests.factories.surveys import make_campaign, make_notice, tag_student_questions
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        name="Spring student survey",
        with_notice=False,
    )
    tag_student_questions(
        campaign, {"contact": ["illegal_behavior"], "feel_safe": ["mental_health"]}
    )
    notice = make_notice(
        campaign,
        actor=world.users[Role.COORDINATOR],
        note_en="Ask us at the open house on March 3.",
        note_es="Pregúntenos en la reunión del 3 de marzo.",
    )
    return world, notice


def _screenshot(page, name: str) -> None:
    import os

    if os.path.isdir(SHOTS):
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_parent_opts_a_child_out_in_spanish_on_a_phone(live_server, phone_page_es) -> None:
    from surveys.models import OptOut

    world, notice = _notice()
    page = phone_page_es
    page.goto(f"{live_server.url}/public/surveys/notices/{notice.token}/")
    page.get_by_role("heading", name="Aviso para padres de familia").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_text("¿Cada cuánto habla usted con el o la oficial?").is_visible()
    assert page.get_by_text("romper la ley").first.is_visible()
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "notice-es")

    # A missing name is refused in Spanish, and nothing is stored.
    page.get_by_role("button", name="Sacar a mi hijo o hija de la encuesta").click()
    page.get_by_text("Este campo es").first.wait_for()
    assert_accessible(page, MODERATE)
    assert not OptOut.objects.exists()

    page.get_by_label("Nombre completo de su hijo o hija").fill("Mateo Ruiz Núñez")
    page.get_by_label("Escuela").select_option(label=world.school.name)
    page.get_by_label("Grado o grupo").fill("7.º grado")
    page.get_by_role("button", name="Sacar a mi hijo o hija de la encuesta").click()
    page.get_by_role("heading", name="Recibimos su solicitud").wait_for()
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "received-es")
    row = OptOut.objects.get()
    assert (row.child_name, row.grade, row.school_id) == (
        "Mateo Ruiz Núñez",
        "7.º grado",
        world.school.pk,
    )


def test_a_parent_reads_the_notice_in_english_and_switches_language(
    live_server, phone_page
) -> None:
    from surveys.models import OptOut

    world, notice = _notice()
    page = phone_page
    page.goto(f"{live_server.url}/public/surveys/notices/{notice.token}/")
    page.get_by_role("heading", name="Notice to parents: a student survey").wait_for()
    assert page.get_by_text("How often do you talk with the officer?").is_visible()
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "notice-en")

    page.get_by_label("Your child's full name").fill("Ava Brooks")
    page.get_by_label("School").select_option(label=world.school.name)
    page.get_by_label("Grade or class").fill("Ms. Lopez's class")
    page.get_by_role("button", name="Opt my child out").click()
    page.get_by_role("heading", name="Your request is received").wait_for()
    assert_accessible(page, MODERATE)
    assert OptOut.objects.get().child_name == "Ava Brooks"

    # Back (after a post that went through) shows the notice again, posting nothing.
    page.go_back()
    page.get_by_role("heading", name="Notice to parents: a student survey").wait_for()
    assert OptOut.objects.count() == 1
    page.goto(f"{live_server.url}/public/surveys/notices/{notice.token}/received/")
    page.get_by_role("link", name="Back to the notice").click()
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Aviso para padres de familia").wait_for()
    assert page.url.endswith(f"/public/surveys/notices/{notice.token}/")
