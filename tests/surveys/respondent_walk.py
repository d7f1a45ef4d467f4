"""Walking the /s/ pages as a respondent's browser does: each POST answers 303, the
next page is the GET it points to (Post/Redirect/Get), the state rides in cookies."""

from __future__ import annotations

from django.conf import settings
from django.test import Client

ANSWERS = {"fair_treatment": "5", "knows_role": "yes", "contact": "weekly", "comment": "Muy amable"}


def in_language(client: Client, language: str) -> Client:
    """The language the switch would have chosen (its cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def post_see_other(client: Client, url: str, data: dict, to: str):
    """POST a step and check it answers 303 See Other to ``to``."""
    answer = client.post(url, data)
    assert answer.status_code == 303, (url, answer.status_code, answer.content.decode()[:500])
    assert answer["Location"] == to, (url, answer["Location"])
    return answer


def walk_to_review(
    client: Client, code: str, officer_ids: list[int], answers: dict[str, str] | None = None
):
    """From the code to the review page; returns the review page (a GET)."""
    post_see_other(client, "/s/", {"code": code}, "/s/officers/")
    post_see_other(
        client, "/s/officers/", {"officer": [str(i) for i in officer_ids]}, "/s/answers/"
    )
    fields = {
        f"a-{officer}-{question}": value
        for officer in officer_ids
        for question, value in (answers or ANSWERS).items()
    }
    post_see_other(client, "/s/answers/", fields, "/s/review/")
    review = client.get("/s/review/")
    assert review.status_code == 200, review.content.decode()[:500]
    return review


def cookies_of(client: Client) -> dict[str, str]:
    """The cookies a browser would send now (a copy, to replay later)."""
    return {name: morsel.value for name, morsel in client.cookies.items() if morsel.value}


def with_cookies(client: Client, cookies: dict[str, str]) -> Client:
    for name, value in cookies.items():
        client.cookies[name] = value
    return client
