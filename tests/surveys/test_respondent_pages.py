"""The /s/ pages: code (POST only), officers, answers, review, submit.

Post/Redirect/Get itself (cookies, Back, sizes) is in test_respondent_prg.py; the
reader's language in test_respondent_language.py.
"""

from __future__ import annotations

import datetime
import secrets

import pytest
from django.core import signing
from django.test import Client

from core.dates import today
from core.models import AuditEvent
from surveys import codes as code_format
from surveys.models import AccessCode, Answer, RespondentGroup, Response
from surveys.views.respondent_state import COOKIE, STATE_SALT
from tests.factories.surveys import issue_codes, make_campaign
from tests.html_checks import assert_ids_consistent
from tests.surveys.respondent_walk import (
    cookies_of,
    in_language,
    post_see_other,
    walk_to_review,
    with_cookies,
)

pytestmark = pytest.mark.django_db
STUDENT, STAFF = RespondentGroup.STUDENT, RespondentGroup.STAFF
USED = "This code has already been used. Each code works once."


def test_a_student_answers_in_spanish_about_the_officers_they_know(survey) -> None:
    client = in_language(Client(), "es")
    start = client.get("/s/")
    assert "Su código de acceso" in start.content.decode()
    assert 'lang="es"' in start.content.decode()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    post_see_other(client, "/s/", {"code": code.lower()}, "/s/officers/")
    html = client.get("/s/officers/").content.decode()
    assert "¿A qué oficiales conoce?" in html
    assert "Puede omitir a cualquier oficial" in html
    assert survey.officer.full_name in html
    assert survey.second_officer.full_name in html
    review = walk_to_review(client, code, [survey.second_officer.pk])
    html = review.content.decode()
    assert "Revise sus respuestas" in html
    assert "Muy de acuerdo" in html
    assert "Muy amable" in html
    assert Response.objects.count() == 0, "nothing is stored before Submit"
    done = post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    assert code not in done["Location"]
    thanks = client.get(done["Location"])
    assert "¡Gracias!" in thanks.content.decode()
    response = Response.objects.get()
    assert response.language == "es"
    assert set(Answer.objects.values_list("officer_id", flat=True)) == {survey.second_officer.pk}
    assert AccessCode.objects.get().spent


def test_the_agree_scale_and_hints_read_plainly_in_spanish(survey) -> None:
    client = in_language(Client(), "es")
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(client, "/s/officers/", {"officer": survey.officer.pk}, "/s/answers/")
    html = client.get("/s/answers/").content.decode()
    assert "No sé" in html, "neutral: not 'No estoy seguro'"
    for word in ("seguro</span>", "saltar", "Salte", "papelito", "aparato"):
        assert word not in html, word
    assert html.count("Opcional. Por favor, no escriba nombres.") == 1, "one hint per comment"


def test_a_double_clicked_submit_stores_one_response(survey) -> None:
    """Both clicks carry the same cookies (the second leaves before the first's answer)."""
    client = Client()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    walk_to_review(client, code, [survey.officer.pk])
    cookies = cookies_of(client)
    first = client.post("/s/submit/")
    with_cookies(client, cookies)
    second = client.post("/s/submit/")
    assert first["Location"] == "/s/thanks/"
    assert second.status_code == 303
    assert second["Location"] == "/s/used/"
    page = client.get("/s/used/").content.decode()
    assert "already saved the first time" in page
    assert Response.objects.count() == 1


def test_a_second_click_after_the_first_was_answered_hears_already_saved(survey) -> None:
    client = Client()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    walk_to_review(client, code, [survey.officer.pk])
    post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    post_see_other(client, "/s/submit/", {}, "/s/used/")
    assert Response.objects.count() == 1


def test_each_refused_code_gets_a_clear_message(world) -> None:
    day = today()
    open_now = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    closed = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        opens_on=day - datetime.timedelta(days=30),
        closes_on=day + datetime.timedelta(days=1),
    )
    [used, fresh] = issue_codes(open_now, STUDENT, world.school, 2)
    [closing] = issue_codes(closed, STUDENT, world.school)
    closed.closes_on = day - datetime.timedelta(days=1)
    closed.save()
    client = Client()
    walk_to_review(client, used, [world.officer.pk])
    client.post("/s/submit/")
    mistyped = fresh[:-1] + ("A" if fresh[-1] != "A" else "B")
    expectations = {
        used: "This code has already been used",
        closing: "This survey is closed",
        mistyped: "look right. Check each letter",
        code_format.generate(): "find that code",
    }
    for code, message in expectations.items():
        post_see_other(client, "/s/", {"code": code}, "/s/")
        page = client.get("/s/")
        assert page.status_code in (400, 409), code
        assert message in page.content.decode(), code


def test_a_closed_survey_says_its_date_in_the_readers_words(world) -> None:
    day = today()
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        opens_on=day - datetime.timedelta(days=30),
        closes_on=day + datetime.timedelta(days=1),
    )
    [code] = issue_codes(campaign, STUDENT, world.school)
    campaign.closes_on = datetime.date(2026, 3, 5)
    campaign.opens_on = datetime.date(2026, 2, 1)
    campaign.save()
    client = in_language(Client(), "es")
    client.post("/s/", {"code": code})
    assert "Cerró el 5 de marzo de 2026." in client.get("/s/").content.decode()


def test_a_spanish_page_is_spanish_around_the_form_too_and_its_logo_stays_in_the_survey() -> None:
    page = Client().get("/s/?lang=es").content.decode()

    assert '<html lang="es">' in page
    assert "Saltar al contenido principal" in page
    assert "una encuesta anónima" in page
    assert 'class="brand" href="/s/"' in page, "not the staff login"
    assert "Skip to main content" not in page


def test_an_empty_code_box_asks_for_the_code_and_counts_no_failure() -> None:
    client = in_language(Client(), "es")
    for _ in range(35):
        post_see_other(client, "/s/", {"code": "  "}, "/s/")
    page = client.get("/s/")
    assert page.status_code == 400
    assert "Escriba el código impreso" in page.content.decode()


def test_a_code_in_the_address_is_ignored(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    page = Client().get(f"/s/?code={code}")
    assert page.status_code == 200
    assert code not in page.content.decode()
    assert 'method="post"' in page.content.decode()


def test_code_guessing_is_throttled_on_the_pages(survey, settings) -> None:
    client = Client()
    statuses = []
    for _ in range(31):
        post_see_other(client, "/s/", {"code": "AAAA-AAAA-AAA"}, "/s/")
        statuses.append(client.get("/s/").status_code)
    assert statuses[:30].count(429) == 0
    assert statuses[30] == 429
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    post_see_other(client, "/s/", {"code": code}, "/s/")
    blocked = client.get("/s/")
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.content.decode()
    assert 1 <= int(blocked["Retry-After"]) <= 60, (
        "the page says when to try again, as the API does"
    )


def test_someone_who_knows_none_of_the_officers_keeps_their_code(survey) -> None:
    client = Client()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(client, "/s/officers/", {}, "/s/officers/")
    assert "your code was not used" in client.get("/s/officers/").content.decode()
    assert not AccessCode.objects.get().spent
    # Not a dead end: the officers are offered again, and ticking one goes on.
    post_see_other(client, "/s/officers/", {"officer": survey.officer.pk}, "/s/answers/")
    again = client.get("/s/answers/")
    assert again.status_code == 200
    assert "your code was not used" not in again.content.decode()
    assert "Your answers" in again.content.decode()


def test_a_tampered_state_is_refused(survey) -> None:
    client = Client()
    client.cookies[COOKIE] = "eyJjb2RlIjoiWCJ9:forged:sig"
    post_see_other(client, "/s/submit/", {}, "/s/")
    page = client.get("/s/")
    assert page.status_code == 400
    assert "start again" in page.content.decode()
    assert Response.objects.count() == 0


def test_a_staff_code_stores_one_response_however_it_is_tried_again(survey) -> None:
    """The review's finding: one shared staff link took five submissions (a new
    session, or the signed page replayed). A staff code is spent by the database."""
    [code] = issue_codes(survey.campaign, STAFF, survey.school)
    teacher, second_browser = Client(), Client()
    walk_to_review(teacher, code, [survey.officer.pk])
    teacher_cookies = cookies_of(teacher)
    # A second session opened with the same code before the first one submits.
    walk_to_review(second_browser, code, [survey.second_officer.pk])
    post_see_other(teacher, "/s/submit/", {}, "/s/thanks/")
    stored = (Response.objects.count(), Answer.objects.count())
    assert stored[0] == 1
    assert Response.objects.get().group == STAFF

    replayed = with_cookies(Client(), teacher_cookies)
    for browser in (replayed, second_browser):
        post_see_other(browser, "/s/submit/", {}, "/s/used/")
        page = browser.get("/s/used/").content.decode()
        assert USED in page
        assert "Nothing more was saved" in page
    fresh = Client()
    post_see_other(fresh, "/s/", {"code": code}, "/s/")
    refused = fresh.get("/s/")
    assert refused.status_code == 409
    assert USED in refused.content.decode()
    stale = with_cookies(Client(), teacher_cookies)
    answers_again = stale.get("/s/answers/")
    assert answers_again.status_code == 409, "no step goes on with a spent code"
    assert USED in answers_again.content.decode()
    assert (Response.objects.count(), Answer.objects.count()) == stored
    assert AccessCode.objects.get().spent


def test_an_old_staff_link_answers_gone_in_both_languages_and_stores_nothing(survey) -> None:
    [code] = issue_codes(survey.campaign, STAFF, survey.school)
    audit_rows = AuditEvent.objects.count()
    old_link = f"/s/link/{secrets.token_urlsafe(24)}/"

    page = Client().get(old_link)

    assert page.status_code == 410
    html = page.content.decode()
    assert '<html lang="en">' in html
    for title in ("Staff now answer with a personal code", "El personal ahora responde"):
        assert title in html
    assert 'href="/s/"' in html, "where to type a personal code"
    assert 'href="/s/?lang=es"' in html, "and in Spanish"
    assert '<section lang="es"' in html, "the Spanish part is marked as Spanish for screen readers"
    assert_ids_consistent(html)
    assert "no-store" in page["Cache-Control"]
    # Bilingual already, so no language switch and no cookie at all: nothing about
    # the link or its reader stays in the browser.
    assert not page.cookies
    in_spanish = Client().get(f"{old_link}?lang=es").content.decode()
    assert '<html lang="es">' in in_spanish
    assert "<h1>El personal ahora responde con un código personal</h1>" in in_spanish
    assert '<section lang="en"' in in_spanish
    assert (Response.objects.count(), Answer.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        audit_rows,
    )
    assert not AccessCode.objects.get().spent
    post_see_other(Client(), "/s/", {"code": code}, "/s/officers/")


def test_a_state_signed_for_a_staff_link_is_out_of_date(survey) -> None:
    """States from a shared link before it was retired carry no code: they store nothing."""
    state = signing.dumps(
        {
            "link": secrets.token_urlsafe(24),
            "officers": [survey.officer.pk],
            "answers": {f"{survey.officer.pk}:respect": "4"},
        },
        salt=STATE_SALT,
        compress=True,
    )
    for step in ("/s/officers/", "/s/answers/", "/s/review/"):
        client = Client()
        client.cookies[COOKIE] = state
        page = client.get(step)
        assert page.status_code == 400, step
        assert "start again" in page.content.decode(), step
    for step in ("/s/officers/", "/s/answers/", "/s/submit/"):
        client = Client()
        client.cookies[COOKIE] = state
        post_see_other(client, step, {"officer": str(survey.officer.pk)}, "/s/")
        assert "start again" in client.get("/s/").content.decode(), step
    assert Response.objects.count() == 0


def test_the_privacy_note_says_what_is_and_is_not_recorded() -> None:
    html = Client().get("/s/privacy/?lang=en").content.decode()
    assert "We do not record" in html
    assert "the day and time" in html
    assert "Nobody can read one person" in html


def test_a_whole_class_behind_one_address_is_not_throttled(survey) -> None:
    client = Client()
    codes = issue_codes(survey.campaign, STUDENT, survey.school, 40)
    locations = {client.post("/s/", {"code": code})["Location"] for code in codes}
    assert locations == {"/s/officers/"}, "only failed codes count towards the limit"
