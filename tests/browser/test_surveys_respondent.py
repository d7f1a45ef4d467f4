from __future__ import annotations

import pytest

from tests.browser.conftest import MODERATE, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_family_answers_in_spanish_on_a_phone(live_server, phone_page) -> None:
    from roster.models import Officer
    from surveys.models import Answer, RespondentGroup, Response
    from tests.factories.roster import AssignmentFactory, OfficerFactory
    from tests.factories.surveys import issue_codes, make_campaign
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    second = OfficerFactory(agency=world.agency, first_name="Rosa", last_name="Alvarez")
    AssignmentFactory(officer=second, school=world.school)
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer, second]
    )
    [code] = issue_codes(campaign, RespondentGroup.FAMILY, world.school)
    page = phone_page

    page.goto(f"{live_server.url}/s/")
    assert_accessible(page, MODERATE)
    # The switch keeps the page: the same step, now in Spanish.
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Encuesta sobre policía escolar").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, MODERATE)
    page.get_by_label("Su código de acceso").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Empezar").click()

    page.get_by_role("heading", name="¿A qué oficiales conoce?").wait_for()
    assert_accessible(page, MODERATE)
    page.get_by_label("Oficial Rosa Alvarez").check()
    page.get_by_role("button", name="Continuar").click()

    page.get_by_role("heading", name="Sus respuestas").wait_for()
    assert_accessible(page, MODERATE)
    # The questions' wording is the question bank's (gender agreement): found by position.
    page.locator("fieldset").nth(0).get_by_label("Muy de acuerdo").check()
    page.get_by_role("group", name="¿Pudo hablar con").get_by_label("Sí").check()
    page.locator("textarea").fill("Muy amable con mi hijo.")
    page.get_by_role("button", name="Continuar").click()

    page.get_by_role("heading", name="Revise sus respuestas").wait_for()
    assert_accessible(page, MODERATE)
    assert page.get_by_text("Muy amable con mi hijo.").is_visible()
    page.get_by_role("button", name="Enviar").click()

    page.get_by_role("heading", name="¡Gracias!").wait_for()
    assert_accessible(page, MODERATE)
    assert page.viewport_size["width"] == 390
    response = Response.objects.get()
    assert (response.group, response.language) == (RespondentGroup.FAMILY, "es")
    assert set(Answer.objects.values_list("officer_id", flat=True)) == {
        Officer.objects.get(last_name="Alvarez").pk
    }
    assert Answer.objects.count() == 3


def test_a_used_code_gets_a_clear_message_that_passes_axe(live_server, phone_page) -> None:
    from surveys.models import RespondentGroup
    from surveys.services import response_submit
    from tests.factories.surveys import agree_answers, issue_codes, make_campaign
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    [code] = issue_codes(campaign, RespondentGroup.STUDENT, world.school)
    response_submit(code=code, language="en", answers=agree_answers(world.officer, 4))

    phone_page.goto(f"{live_server.url}/s/")
    phone_page.get_by_label("Your access code").fill(code)
    phone_page.get_by_role("button", name="Start").click()
    assert "already been used" in phone_page.get_by_role("alert").inner_text()
    assert_accessible(phone_page, MODERATE)
    phone_page.get_by_role("link", name="What we record and what we don't").click()
    phone_page.get_by_role("heading", name="We do not record").wait_for()
    assert_accessible(phone_page, MODERATE)


def test_an_old_staff_link_explains_personal_codes_in_both_languages_and_passes_axe(
    live_server, phone_page
) -> None:
    from surveys.models import Response

    answer = phone_page.goto(f"{live_server.url}/s/link/an-old-shared-staff-link-token/")
    assert answer.status == 410
    phone_page.get_by_role("heading", name="Staff now answer with a personal code").wait_for()
    assert phone_page.get_by_role(
        "heading", name="El personal ahora responde con un código personal"
    ).is_visible()
    assert_accessible(phone_page, MODERATE)
    phone_page.get_by_role("link", name="Escriba su código en la página de la encuesta").click()
    # The Spanish link chooses Spanish.
    phone_page.get_by_label("Su código de acceso").wait_for()
    assert not Response.objects.exists()
