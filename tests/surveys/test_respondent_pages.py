"""The /s/ pages: code (POST only), language, officers, answers, review, submit."""

from __future__ import annotations

import datetime
import re
import secrets

import pytest
from django.core import signing
from django.test import Client

from core.dates import today
from core.models import AuditEvent
from surveys import codes as code_format
from surveys.models import AccessCode, Answer, RespondentGroup, Response
from surveys.respondent_text import TEXT
from surveys.views.respondent import STATE_SALT
from tests.factories.surveys import issue_codes, make_campaign
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db
STUDENT, STAFF = RespondentGroup.STUDENT, RespondentGroup.STAFF


def state_of(page) -> str:
    return re.search(r'name="state" value="([^"]+)"', page.content.decode()).group(1)


def walk_to_review(client: Client, code: str, officer_ids: list[int], lang: str = "es"):
    start = client.post("/s/", {"code": code, "lang": lang})
    assert start.status_code == 200, start.content.decode()
    answers_page = client.post(
        "/s/officers/", {"state": state_of(start), "officer": [str(i) for i in officer_ids]}
    )
    fields = {"state": state_of(answers_page)}
    for officer in officer_ids:
        fields[f"a-{officer}-fair_treatment"] = "5"
        fields[f"a-{officer}-knows_role"] = "yes"
        fields[f"a-{officer}-contact"] = "weekly"
        fields[f"a-{officer}-comment"] = "Muy amable"
    return client.post("/s/review/", fields)


def test_a_student_answers_in_spanish_about_the_officers_they_know(survey) -> None:
    client = Client()
    start = client.get("/s/?lang=es")
    assert "Su código de acceso" in start.content.decode()
    assert 'lang="es"' in start.content.decode()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    officers_page = client.post("/s/", {"code": code.lower(), "lang": "es"})
    html = officers_page.content.decode()
    assert "¿A qué oficiales conoce?" in html
    assert survey.officer.full_name in html
    assert survey.second_officer.full_name in html
    review = walk_to_review(client, code, [survey.second_officer.pk])
    html = review.content.decode()
    assert "Revise sus respuestas" in html
    assert "Muy de acuerdo" in html
    assert "Muy amable" in html
    assert Response.objects.count() == 0, "nothing is stored before Submit"
    done = client.post("/s/submit/", {"state": state_of(review)})
    assert done.status_code == 302
    assert code not in done["Location"]
    assert code.replace("-", "") not in done["Location"]
    thanks = client.get(done["Location"])
    assert "¡Gracias!" in thanks.content.decode()
    response = Response.objects.get()
    assert response.language == "es"
    assert set(Answer.objects.values_list("officer_id", flat=True)) == {survey.second_officer.pk}
    assert AccessCode.objects.get().spent


def test_a_double_clicked_submit_stores_one_response(survey) -> None:
    client = Client()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    review = walk_to_review(client, code, [survey.officer.pk], lang="en")
    state = state_of(review)
    first = client.post("/s/submit/", {"state": state})
    second = client.post("/s/submit/", {"state": state})
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already saved" in second.content.decode()
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
    review = walk_to_review(client, used, [world.officer.pk], lang="en")
    client.post("/s/submit/", {"state": state_of(review)})
    mistyped = fresh[:-1] + ("A" if fresh[-1] != "A" else "B")
    expectations = {
        used: "This code has already been used",
        closing: "This survey is closed",
        mistyped: "look right. Check each letter",
        code_format.generate(): "find that code",
    }
    for code, message in expectations.items():
        page = client.post("/s/", {"code": code, "lang": "en"})
        assert page.status_code in (400, 409), code
        assert message in page.content.decode(), code


def test_a_spanish_page_is_spanish_around_the_form_too_and_its_logo_stays_in_the_survey() -> None:
    page = Client().get("/s/?lang=es").content.decode()

    assert '<html lang="es">' in page
    assert "Saltar al contenido principal" in page
    assert "una encuesta anónima" in page
    assert 'class="brand" href="/s/?lang=es"' in page, "not the staff login"
    assert "Skip to main content" not in page


def test_an_empty_code_box_asks_for_the_code_and_counts_no_failure() -> None:
    client = Client()
    answers = [client.post("/s/", {"code": "  ", "lang": "es"}) for _ in range(35)]

    assert {a.status_code for a in answers} == {400}
    assert "Escriba el código impreso" in answers[-1].content.decode()


def test_a_code_in_the_address_is_ignored(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    page = Client().get(f"/s/?code={code}")
    assert page.status_code == 200
    assert code not in page.content.decode()
    assert '<form method="post"' in page.content.decode()


def test_code_guessing_is_throttled_on_the_pages(survey, settings) -> None:
    client = Client()
    statuses = [
        client.post("/s/", {"code": "AAAA-AAAA-AAA", "lang": "en"}).status_code for _ in range(31)
    ]
    assert statuses[:30].count(429) == 0
    assert statuses[30] == 429
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    blocked = client.post("/s/", {"code": code, "lang": "en"})
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.content.decode()
    assert 1 <= int(blocked["Retry-After"]) <= 60, (
        "the page says when to try again, as the API does"
    )


def test_someone_who_knows_none_of_the_officers_keeps_their_code(survey) -> None:
    client = Client()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    start = client.post("/s/", {"code": code, "lang": "en"})
    page = client.post("/s/officers/", {"state": state_of(start)})
    assert "your code was not used" in page.content.decode()
    assert not AccessCode.objects.get().spent
    # Not a dead end: the officers are offered again, and ticking one goes on.
    again = client.post("/s/officers/", {"state": state_of(page), "officer": survey.officer.pk})
    assert again.status_code == 200
    assert 'name="state"' in again.content.decode()
    assert "your code was not used" not in again.content.decode()
    assert "Your answers" in again.content.decode()


def test_a_tampered_state_is_refused(survey) -> None:
    page = Client().post("/s/submit/", {"state": "eyJjb2RlIjoiWCJ9:forged:sig"})
    assert page.status_code == 400
    assert "start again" in page.content.decode()


def test_a_staff_code_stores_one_response_however_it_is_tried_again(survey) -> None:
    """The review's finding: one shared staff link took five submissions (a new
    session, or the signed page replayed). A staff code is spent by the database."""
    [code] = issue_codes(survey.campaign, STAFF, survey.school)
    teacher, second_browser = Client(), Client()
    review = walk_to_review(teacher, code, [survey.officer.pk], lang="en")
    # A second session opened with the same code before the first one submits.
    other_review = walk_to_review(second_browser, code, [survey.second_officer.pk], lang="en")
    assert teacher.post("/s/submit/", {"state": state_of(review)}).status_code == 302
    stored = (Response.objects.count(), Answer.objects.count())
    assert stored[0] == 1
    assert Response.objects.get().group == STAFF

    for browser, state in [
        (teacher, state_of(review)),
        (Client(), state_of(review)),
        (second_browser, state_of(other_review)),
    ]:
        replay = browser.post("/s/submit/", {"state": state})
        assert replay.status_code == 200, "not redirected to the thank-you page"
        assert TEXT["en"]["used"] in replay.content.decode()
        assert TEXT["en"]["used_title"] in replay.content.decode()
        assert "thanks" not in replay.get("Location", "")
    fresh = Client().post("/s/", {"code": code, "lang": "en"})
    assert fresh.status_code == 409
    assert TEXT["en"]["used"] in fresh.content.decode()
    answers_again = Client().post("/s/review/", {"state": state_of(review), "change": "1"})
    assert answers_again.status_code == 409, "no step goes on with a spent code"
    assert TEXT["en"]["used"] in answers_again.content.decode()
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
    for lang in ("en", "es"):
        assert TEXT[lang]["retired_link_title"] in html
        assert TEXT[lang]["retired_link"] in html
        assert f'href="/s/?lang={lang}"' in html, "where to type a personal code"
    assert '<section lang="es"' in html, "the Spanish part is marked as Spanish for screen readers"
    assert_ids_consistent(html)
    assert "no-store" in page["Cache-Control"]
    assert not page.cookies
    in_spanish = Client().get(f"{old_link}?lang=es").content.decode()
    assert '<html lang="es">' in in_spanish
    assert f"<h1>{TEXT['es']['retired_link_title']}</h1>" in in_spanish
    assert '<section lang="en"' in in_spanish
    assert (Response.objects.count(), Answer.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        audit_rows,
    )
    assert not AccessCode.objects.get().spent
    assert Client().post("/s/", {"code": code, "lang": "en"}).status_code == 200, (
        "the personal code still works"
    )


def test_a_page_signed_for_a_staff_link_is_out_of_date(survey) -> None:
    """Pages opened from a shared link before it was retired carry no code: they store nothing."""
    state = signing.dumps(
        {
            "link": secrets.token_urlsafe(24),
            "lang": "en",
            "officers": [survey.officer.pk],
            "answers": {f"{survey.officer.pk}:respect": "4"},
        },
        salt=STATE_SALT,
        compress=True,
    )
    for step in ("/s/officers/", "/s/review/", "/s/submit/"):
        page = Client().post(step, {"state": state, "officer": str(survey.officer.pk)})
        assert page.status_code == 400, step
        assert TEXT["en"]["expired"] in page.content.decode(), step
    assert Response.objects.count() == 0


def test_the_privacy_note_says_what_is_and_is_not_recorded() -> None:
    html = Client().get("/s/privacy/?lang=en").content.decode()
    assert "We do not record" in html
    assert "the day and time" in html
    assert "Nobody can read one person" in html


def test_a_whole_class_behind_one_address_is_not_throttled(survey) -> None:
    client = Client()
    codes = issue_codes(survey.campaign, STUDENT, survey.school, 40)
    statuses = {client.post("/s/", {"code": code, "lang": "en"}).status_code for code in codes}
    assert statuses == {200}, "only failed codes count towards the limit"
