"""Post/Redirect/Get on the /s/ pages: every POST answers 303, the next page is a GET
rendered from the signed state cookie, Back after submit re-opens nothing, and the
code is in no address."""

from __future__ import annotations

import random

import pytest
from django.test import Client

from surveys.models import AccessCode, Answer, RespondentGroup, Response
from surveys.views.respondent_state import (
    CHUNK,
    COOKIE,
    COOKIE_PATH,
    DONE_COOKIE,
    MAX_CHUNKS,
    STATE_MAX_AGE,
)
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import issue_codes, make_campaign
from tests.surveys.respondent_walk import (
    cookies_of,
    in_language,
    post_see_other,
    walk_to_review,
    with_cookies,
)

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT
BROWSER_COOKIE_LIMIT = 4096
# config/gunicorn.py's limit_request_field_size: the whole Cookie header must fit.
SERVER_HEADER_LIMIT = 65536


def forms_of(code: str) -> set[str]:
    return {code, code.lower(), code.replace("-", ""), code.replace("-", "").lower()}


def test_every_step_answers_see_other_and_no_address_holds_the_code(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    seen: list[str] = []
    original = client.request

    def recording(**request):
        answer = original(**request)
        seen.append(request["PATH_INFO"] + "?" + request.get("QUERY_STRING", ""))
        if request["REQUEST_METHOD"] == "POST":
            assert answer.status_code == 303, (request["PATH_INFO"], answer.status_code)
            seen.append(answer["Location"])
        return answer

    client.request = recording  # type: ignore[method-assign]
    post_see_other(client, "/s/", {"code": "ZZZZ-ZZZZ-ZZZ"}, "/s/")
    post_see_other(client, "/s/", {"code": "  "}, "/s/")
    post_see_other(client, "/s/", {"code": code, "language": "es"}, "/s/")
    walk_to_review(client, code, [survey.officer.pk])
    post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    client.get("/s/thanks/")

    assert Response.objects.count() == 1
    for address in seen:
        for form in forms_of(code):
            assert form not in address, address


def test_each_page_is_a_get_rendered_from_the_cookie_and_survives_a_reload(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk, survey.second_officer.pk])
    for step, expected in [
        ("/s/officers/", f'value="{survey.second_officer.pk}" checked'),
        ("/s/answers/", "Muy amable</textarea>"),
        ("/s/review/", "Muy amable"),
    ]:
        for _ in range(2):
            page = client.get(step)
            assert page.status_code == 200, step
            assert expected in page.content.decode(), step
            assert "no-store" in page["Cache-Control"]
    assert Response.objects.count() == 0


def test_the_state_cookie_is_httponly_strict_scoped_to_the_survey_and_short_lived(
    survey, settings
) -> None:
    settings.SESSION_COOKIE_SECURE = True
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    answer = Client().post("/s/", {"code": code})
    morsel = answer.cookies[COOKIE]
    assert morsel["httponly"]
    assert morsel["samesite"] == "Strict"
    assert morsel["secure"]
    assert morsel["path"] == COOKIE_PATH
    assert int(morsel["max-age"]) == STATE_MAX_AGE


def test_back_after_submit_shows_start_again_and_no_answers(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk])
    done = post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    deleted = done.cookies[COOKIE]
    assert deleted.value == ""
    assert int(deleted["max-age"]) == 0, "the state is deleted at submit"
    assert done.cookies[DONE_COOKIE]["path"] == "/s/submit/", "the marker goes to submit only"
    assert code not in done.cookies[DONE_COOKIE].value
    for step in ("/s/review/", "/s/answers/", "/s/officers/"):
        page = client.get(step)
        assert page.status_code == 400, step
        html = page.content.decode()
        assert "start again" in html
        assert "Muy amable" not in html
        assert "Strongly agree" not in html
    assert Response.objects.count() == 1


def test_a_replayed_post_after_submit_stores_nothing(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk])
    before_submit = cookies_of(client)
    client.post("/s/submit/")
    stored = (Response.objects.count(), Answer.objects.count())
    replay = with_cookies(Client(), before_submit)
    post_see_other(replay, "/s/answers/", {f"a-{survey.officer.pk}-respect": "1"}, "/s/")
    assert replay.get("/s/").status_code == 409
    assert (Response.objects.count(), Answer.objects.count()) == stored


def _officers_at(survey, count: int) -> list:
    officers = [survey.officer, survey.second_officer]
    for n in range(count - len(officers)):
        officer = OfficerFactory(agency=survey.world.agency, last_name=f"Extra{n}")
        AssignmentFactory(officer=officer, school=survey.school)
        officers.append(officer)
    return officers


def _hard_text(rng: random.Random, length: int) -> str:
    """Text zlib can't shrink: accents, CJK and emoji drawn at random (3-4 bytes each)."""
    alphabet = "áéíóúñü¿¡" + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))
    alphabet += "".join(chr(c) for c in range(0x1F300, 0x1F5FF))
    return "".join(rng.choice(alphabet) for _ in range(length))


def test_the_largest_answers_fit_in_the_cookies_and_are_stored_whole(survey) -> None:
    """Four officers (more than any school in the demo), every question answered and
    a 2,000-character comment each, in text that doesn't compress."""
    officers = _officers_at(survey, 4)
    campaign = make_campaign(period=survey.period, schools=[survey.school], officers=officers)
    [code] = issue_codes(campaign, STUDENT, survey.school)
    rng = random.Random(20)
    comments = {o.pk: _hard_text(rng, 2000) for o in officers}
    client = in_language(Client(), "es")
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(client, "/s/officers/", {"officer": [o.pk for o in officers]}, "/s/answers/")
    fields = {}
    for o in officers:
        fields.update(
            {
                f"a-{o.pk}-fair_treatment": "4",
                f"a-{o.pk}-respect": "5",
                f"a-{o.pk}-comfort_help": "3",
                f"a-{o.pk}-calms_situations": "2",
                f"a-{o.pk}-stays_out_of_discipline": "1",
                f"a-{o.pk}-listens": "4",
                f"a-{o.pk}-feel_safe": "5",
                f"a-{o.pk}-knows_role": "yes",
                f"a-{o.pk}-contact": "weekly",
                f"a-{o.pk}-comment": comments[o.pk],
            }
        )
    answer = post_see_other(client, "/s/answers/", fields, "/s/review/")

    parts = [m for name, m in answer.cookies.items() if name.startswith(COOKIE) and m.value]
    assert 1 < len(parts) <= MAX_CHUNKS, "split over several cookies"
    assert all(len(m.key) + len(m.value) + 1 <= CHUNK + 30 for m in parts)
    assert all(len(m.output(header="")) < BROWSER_COOKIE_LIMIT for m in parts)
    header = "; ".join(f"{n}={v}" for n, v in cookies_of(client).items())
    assert len(header) < SERVER_HEADER_LIMIT
    review = client.get("/s/review/").content.decode()
    for o in officers:
        assert comments[o.pk] in review
    post_see_other(client, "/s/submit/", {}, "/s/thanks/")
    stored = set(Answer.objects.filter(question__code="comment").values_list("text", flat=True))
    assert stored == set(comments.values())
    assert Answer.objects.count() == 4 * 10


def test_answers_past_what_cookies_can_carry_are_kept_on_the_page_not_cut(survey) -> None:
    officers = _officers_at(survey, 12)
    campaign = make_campaign(period=survey.period, schools=[survey.school], officers=officers)
    [code] = issue_codes(campaign, STUDENT, survey.school)
    rng = random.Random(7)
    client = Client()
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(client, "/s/officers/", {"officer": [o.pk for o in officers]}, "/s/answers/")
    fields = {f"a-{o.pk}-comment": _hard_text(rng, 2000) for o in officers}

    def state_cookies() -> dict[str, str]:
        return {n: v for n, v in cookies_of(client).items() if n.startswith(COOKIE)}

    before = state_cookies()

    page = client.post("/s/answers/", fields)

    assert page.status_code == 400
    html = page.content.decode()
    assert "too long for this page to carry" in html
    assert fields[f"a-{officers[-1].pk}-comment"] in html, "what was typed is still there"
    assert state_cookies() == before, "the stored state is unchanged, not cut short"
    assert Response.objects.count() == 0
    assert not AccessCode.objects.get().spent


def test_a_step_costs_the_same_few_queries_however_many_officers(
    survey, django_assert_max_num_queries
) -> None:
    officers = _officers_at(survey, 6)
    campaign = make_campaign(period=survey.period, schools=[survey.school], officers=officers)
    [code] = issue_codes(campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [o.pk for o in officers])
    for step in ("/s/officers/", "/s/answers/", "/s/review/"):
        with django_assert_max_num_queries(8):
            assert client.get(step).status_code == 200


def test_an_error_report_redacts_the_state_cookie(survey, rf) -> None:
    from django.views.debug import SafeExceptionReporterFilter

    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk])
    request = rf.get("/s/review/")
    request.COOKIES = cookies_of(client)
    safe = SafeExceptionReporterFilter().get_safe_cookies(request)
    assert safe[COOKIE] != request.COOKIES[COOKIE]
    assert "Muy amable" not in str(safe)
