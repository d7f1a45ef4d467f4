"""Issue 20, red team: the survey's state cookie (forged, replayed, copied to a second
browser), what a Spanish response stores, and the language switch, against /s/."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from surveys.models import AccessCode, Answer, RespondentGroup, Response
from surveys.views.respondent_state import COOKIE
from tests.factories.surveys import issue_codes
from tests.surveys.respondent_walk import cookies_of, in_language, walk_to_review, with_cookies

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT


def _stored() -> tuple[int, int, int]:
    return (
        Response.objects.count(),
        Answer.objects.count(),
        AccessCode.objects.filter(spent=True).count(),
    )


def test_a_forged_state_cookie_submits_nothing(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk])
    for name, value in cookies_of(client).items():
        if name.startswith(COOKIE):
            # One character of the signed value changed: the officers or answers edited.
            client.cookies[name] = value[:-5] + ("A" if value[-5] != "A" else "B") + value[-4:]

    answer = client.post("/s/submit/")

    assert answer.status_code in (303, 400, 409)
    assert _stored() == (0, 0, 0)


def test_one_state_cookie_in_two_browsers_submits_once(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    first = Client()
    walk_to_review(first, code, [survey.officer.pk])
    second = with_cookies(Client(), cookies_of(first))

    first.post("/s/submit/")
    second.post("/s/submit/")

    assert Response.objects.count() == 1


def test_a_spanish_response_stores_es_and_nothing_about_the_browser(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = in_language(Client(), "es")
    walk_to_review(client, code, [survey.officer.pk])
    client.post(
        "/s/submit/", HTTP_USER_AGENT="Mozilla/5.0 (iPhone) es-MX", REMOTE_ADDR="203.0.113.9"
    )

    response = Response.objects.get()
    assert response.language == "es"
    stored = {
        field.attname: getattr(response, field.attname) for field in Response._meta.concrete_fields
    }
    assert set(stored) == {"id", "campaign_id", "group", "school_id", "language", "late"}
    assert "203.0.113.9" not in str(stored)
    assert "iPhone" not in str(stored)


def test_the_state_cookie_never_reaches_a_public_page(survey) -> None:
    """It is scoped to /s/: the report, complaint and notice pages never receive it."""
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = Client()
    walk_to_review(client, code, [survey.officer.pk])
    for name, morsel in client.cookies.items():
        if name.startswith(COOKIE) and morsel.value:
            assert morsel["path"] == "/s/", name


def test_the_opt_out_form_never_tells_whether_a_child_was_already_opted_out(survey) -> None:
    """No oracle: sending a name already on the list reads exactly like a new one."""
    from surveys.models import OptOut, ParentNotice

    notice = ParentNotice.objects.get(campaign=survey.campaign)
    url = f"/public/surveys/notices/{notice.token}/opt-out/"

    def send(name: str) -> tuple[int, str, str]:
        client = Client()
        answer = client.post(url, {"child_name": name, "school": survey.school.pk, "grade": "7"})
        page = client.get(answer["Location"]) if answer.status_code in (302, 303) else answer
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
        return answer.status_code, answer.get("Location", ""), html

    first = send("Ana Ruiz")
    again = send("  ana   RUIZ ")
    other = send("Luis Ortega")

    assert first == again == other
    assert OptOut.objects.count() == 2
    assert "Ana" not in first[2]
