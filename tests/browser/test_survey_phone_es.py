"""A student on a phone set to Mexican Spanish: mistypes the code, fixes it, answers,
reviews, submits and presses Back; every step passes axe (moderate and up) and has
touch-sized controls, in Spanish and once in English. And a survey done with the
keyboard alone."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SURVEY_SCREENSHOTS", "")


def _world():
    from surveys.models import RespondentGroup
    from tests.factories.roster import AssignmentFactory, OfficerFactory
    from tests.factories.surveys import issue_codes, make_campaign
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    second = OfficerFactory(agency=world.agency, first_name="Rosa", last_name="Alvarez")
    AssignmentFactory(officer=second, school=world.school)
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer, second]
    )
    [code] = issue_codes(campaign, RespondentGroup.STUDENT, world.school)
    return code, second


# A radio button or checkbox is tapped through its row: the whole label, 48 px tall.
CONTROLS = (
    "input:not([type=radio]):not([type=checkbox]), select, textarea, button, label, "
    "a.button, .privacy-link a"
)
ROW_PX = 48


def _checked(page, name: str) -> None:
    assert_accessible(page, MODERATE)
    assert_touch_targets(page, CONTROLS)
    rows = page.eval_on_selector_all(
        "input[type=radio], input[type=checkbox]",
        "els => els.map(e => e.closest('label').getBoundingClientRect().height)",
    )
    assert all(height >= ROW_PX for height in rows), rows
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _mistyped(code: str) -> str:
    return code[:-1] + ("A" if code[-1] != "A" else "B")


WORDS = {
    "es": {
        "title": "Encuesta sobre policía escolar",
        "code": "Su código de acceso",
        "start": "Empezar",
        "wrong": "Ese código no parece correcto",
        "officers": "¿A qué oficiales conoce?",
        "officer": "Oficial Rosa Alvarez",
        "continue": "Continuar",
        "answers": "Sus respuestas",
        "agree": "Muy de acuerdo",
        "yes": "Sí",
        "review": "Revise sus respuestas",
        "submit": "Enviar",
        "thanks": "¡Gracias!",
        "expired": "Esta página ya no es válida",
    },
    "en": {
        "title": "School officer survey",
        "code": "Your access code",
        "start": "Start",
        "wrong": "That code doesn't look right",
        "officers": "Which officers do you know?",
        "officer": "Officer Rosa Alvarez",
        "continue": "Continue",
        "answers": "Your answers",
        "agree": "Strongly agree",
        "yes": "Yes",
        "review": "Check your answers",
        "submit": "Submit",
        "thanks": "Thank you!",
        "expired": "This page is out of date",
    },
}


def _student_answers(page, live_server, lang: str) -> None:
    from surveys.models import Answer, Response

    code, rosa = _world()
    w = WORDS[lang]
    page.goto(f"{live_server.url}/s/")
    page.get_by_role("heading", name=w["title"]).wait_for()
    assert page.locator("html").get_attribute("lang") == lang
    _checked(page, f"{lang}-1-start")

    typo = _mistyped(code)
    page.get_by_label(w["code"]).fill(typo)
    page.get_by_role("button", name=w["start"]).click()
    alert = page.get_by_role("alert")
    assert w["wrong"] in alert.inner_text()
    field = page.get_by_label(w["code"])
    assert field.input_value() == typo, "the typo stays in the box to be fixed"
    assert "form-error" in field.get_attribute("aria-describedby")
    assert page.evaluate("document.activeElement.id") == "code"
    _checked(page, f"{lang}-2-mistyped")

    field.fill(code)
    page.get_by_role("button", name=w["start"]).click()
    page.get_by_role("heading", name=w["officers"]).wait_for()
    assert "/s/officers/" in page.url
    _checked(page, f"{lang}-3-officers")
    page.get_by_label(w["officer"]).check()
    page.get_by_role("button", name=w["continue"]).click()

    page.get_by_role("heading", name=w["answers"]).wait_for()
    _checked(page, f"{lang}-4-answers")
    page.locator("fieldset").nth(0).get_by_label(w["agree"]).check()
    page.locator(f"#a-{rosa.pk}-knows_role-yes").check()
    page.locator(f"#a-{rosa.pk}-comment").fill("Es muy amable.")
    if lang == "es":
        # The switch mid-survey: the same step in English, nothing entered lost; and back.
        page.get_by_role("button", name="English").click()
        page.get_by_role("heading", name="Your answers").wait_for()
        assert page.locator(f"#a-{rosa.pk}-knows_role-yes").is_checked()
        assert page.locator(f"#a-{rosa.pk}-comment").input_value() == "Es muy amable."
        _checked(page, "es-4b-switched-to-english")
        page.get_by_role("button", name="Español").click()
        page.get_by_role("heading", name=w["answers"]).wait_for()
        assert page.locator(f"#a-{rosa.pk}-knows_role-yes").is_checked()
    page.get_by_role("button", name=w["continue"]).click()

    page.get_by_role("heading", name=w["review"]).wait_for()
    assert page.get_by_text("Es muy amable.").is_visible()
    _checked(page, f"{lang}-5-review")
    page.get_by_role("button", name=w["submit"]).click()

    page.get_by_role("heading", name=w["thanks"]).wait_for()
    _checked(page, f"{lang}-6-thanks")
    response = Response.objects.get()
    assert response.language == lang
    assert Answer.objects.count() == 3

    page.go_back()
    page.get_by_text(w["expired"]).wait_for()
    assert "/s/review/" in page.url
    assert not page.get_by_text("Es muy amable.").count(), "no answers shown again"
    _checked(page, f"{lang}-7-back")
    assert Response.objects.count() == 1


def test_a_student_on_a_spanish_phone_fixes_a_typo_answers_and_goes_back(
    live_server, phone_page_es
) -> None:
    _student_answers(phone_page_es, live_server, "es")


def test_the_same_in_english(live_server, phone_page) -> None:
    _student_answers(phone_page, live_server, "en")


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_survey_done_with_the_keyboard_alone(live_server, page) -> None:
    from surveys.models import Answer, Response

    code, rosa = _world()
    page.goto(f"{live_server.url}/s/")
    _tab_to(page, "#code")
    page.keyboard.type(code)
    page.keyboard.press("Enter")  # the form's default button goes on, it doesn't switch language
    page.get_by_role("heading", name="Which officers do you know?").wait_for()
    _tab_to(page, f"#officer-{rosa.pk}")
    page.keyboard.press("Space")
    _tab_to(page, "#step-form button[type=submit]:not([hidden])")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your answers").wait_for()
    _tab_to(page, f"input[name=a-{rosa.pk}-fair_treatment]")
    page.keyboard.press("Space")
    _tab_to(page, f"#a-{rosa.pk}-comment")
    page.keyboard.type("Typed without a mouse.")
    _tab_to(page, "#step-form button[type=submit]:not([hidden])")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Check your answers").wait_for()
    _tab_to(page, "form[action='/s/submit/'] button")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Thank you!").wait_for()
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 2
