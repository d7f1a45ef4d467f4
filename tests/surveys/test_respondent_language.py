"""The respondent pages in the reader's language: the switch's cookie, else the
browser's Accept-Language (es-MX reads as es), or ``?lang=`` from a printed link;
every page fully in Spanish; switching mid-survey keeps the step and its entries."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from surveys.models import RespondentGroup, Response
from tests.factories.surveys import issue_codes
from tests.surveys.respondent_walk import in_language, post_see_other, walk_to_review
from tests.translation_checks import assert_translated, untranslated

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT
ES_MX = "es-MX,es;q=0.9,en;q=0.5"


def test_a_phone_set_to_mexican_spanish_opens_the_survey_in_spanish() -> None:
    page = Client().get("/s/", HTTP_ACCEPT_LANGUAGE=ES_MX)
    assert page["Content-Language"] == "es"
    assert "Su código de acceso" in page.content.decode()


def test_the_switchs_cookie_wins_over_the_browser(survey) -> None:
    page = in_language(Client(), "en").get("/s/", HTTP_ACCEPT_LANGUAGE=ES_MX)
    assert "Your access code" in page.content.decode()


def test_a_printed_link_with_lang_chooses_the_language_and_remembers_it() -> None:
    client = Client()
    page = client.get("/s/?lang=es", HTTP_ACCEPT_LANGUAGE="en")
    assert "Su código de acceso" in page.content.decode()
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    # The switch on that page returns to the page without ?lang, which would undo it.
    assert 'name="language" value="en"' in page.content.decode()
    assert "Su código" in client.get("/s/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_response_keeps_the_language_it_was_answered_in(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client(HTTP_ACCEPT_LANGUAGE=ES_MX)
    walk_to_review(client, code, [survey.officer.pk])
    post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    assert Response.objects.get().language == "es"


def test_switching_mid_survey_keeps_the_step_and_what_was_ticked(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = in_language(Client(), "en")
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(client, "/s/officers/", {"officer": survey.officer.pk}, "/s/answers/")
    officer = survey.officer.pk
    half_done = {
        f"a-{officer}-respect": "4",
        f"a-{officer}-comment": "Saluda a todos",
        "language": "es",
    }

    post_see_other(client, "/s/answers/", half_done, "/s/answers/")

    page = client.get("/s/answers/")
    html = page.content.decode()
    assert page["Content-Language"] == "es"
    assert "Sus respuestas" in html
    assert 'value="4" checked' in html
    assert "Saluda a todos</textarea>" in html
    assert "Answer at least one" not in html
    assert "Responda al menos" not in html
    # Switching is no answer: nothing stored, and back in English it is all still there.
    post_see_other(client, "/s/answers/", {**half_done, "language": "en"}, "/s/answers/")
    assert "Saluda a todos</textarea>" in client.get("/s/answers/").content.decode()
    assert Response.objects.count() == 0


def test_switching_on_the_code_page_keeps_what_was_typed() -> None:
    client = in_language(Client(), "en")
    post_see_other(client, "/s/", {"code": "ABCD-12", "language": "es"}, "/s/")
    html = client.get("/s/").content.decode()
    assert 'value="ABCD-12"' in html
    assert "Su código de acceso" in html


def test_switching_on_the_review_page_comes_back_to_it(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = in_language(Client(), "en")
    walk_to_review(client, code, [survey.officer.pk])
    post_see_other(client, "/s/language/", {"language": "es", "next": "/s/review/"}, "/s/review/")
    assert "Revise sus respuestas" in client.get("/s/review/").content.decode()


def test_the_switch_returns_only_to_survey_pages() -> None:
    for elsewhere in ("https://evil.example/s/", "//evil.example/s/", "/surveys/results/"):
        post_see_other(Client(), "/s/language/", {"language": "es", "next": elsewhere}, "/s/")


def test_a_mistyped_code_stays_in_the_box_with_its_error_linked() -> None:
    client = Client()
    post_see_other(client, "/s/", {"code": "ABCD-1234-XY"}, "/s/")
    html = client.get("/s/").content.decode()
    assert 'value="ABCD-1234-XY"' in html
    assert 'aria-describedby="code-help form-error"' in html
    assert 'aria-invalid="true" autofocus' in html
    assert 'id="form-error"' in html


def _without_other_language(html: str) -> str:
    return re.sub(r'<section lang="(en|es)".*?</section>', "", html, flags=re.S)


def test_the_retired_link_page_is_in_the_readers_language_and_then_the_other() -> None:
    pages = [
        Client().get("/s/link/an-old-link/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        for lang in ("en", ES_MX)
    ]
    assert not untranslated(*(_without_other_language(p) for p in pages))
    assert '<section lang="en"' in pages[1]


def test_every_respondent_page_is_all_spanish(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    names = {survey.officer.full_name, survey.second_officer.full_name}
    officer_names = names | {f"Officer {n}" for n in names}
    client = Client()
    for page in ("/s/", "/s/privacy/", "/s/thanks/", "/s/used/"):
        assert_translated(client, page)
    # The code page with a refusal: a mistyped code (kept in its box), an empty box.
    client.post("/s/", {"code": "ABCD-1234-XY"})
    assert_translated(client, "/s/", allowed={"ABCD-1234-XY"})
    client.post("/s/", {"code": " "})
    assert_translated(client, "/s/")
    walk_to_review(client, code, [survey.officer.pk, survey.second_officer.pk])
    for step in ("/s/officers/", "/s/answers/", "/s/review/"):
        assert_translated(client, step, allowed=officer_names | {"Muy amable"})
    # The steps with their notices: nobody ticked, nothing answered.
    post_see_other(client, "/s/officers/", {}, "/s/officers/")
    assert_translated(client, "/s/officers/", allowed=officer_names)
    post_see_other(client, "/s/officers/", {"officer": survey.officer.pk}, "/s/answers/")
    post_see_other(client, "/s/answers/", {}, "/s/answers/")
    assert_translated(client, "/s/answers/", allowed=officer_names)
    # Start again: a step opened after its state is gone (Back after submit).
    assert_translated(Client(), "/s/review/")
