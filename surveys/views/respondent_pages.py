"""The pieces every respondent page is built from (surveys/views/respondent.py has the steps).

Rendering, redirecting with the state cookie written (Post/Redirect/Get), refusing
with the start page, and the officers and questions a code opens, worded in the
reader's language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Min
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from roster.models import District, Officer
from surveys.models import Question, QuestionKind
from surveys.services import Ballot, RespondentError, ballot_for_code, ballot_officer_ids
from surveys.throttles import code_retry_after
from surveys.views.respondent_messages import AGREE_LABELS, message_text
from surveys.views.respondent_state import (
    language_from_address,
    remember_language,
    state_clear,
    state_read,
    state_write,
)

START = "surveys-respondent:start"


def respondent_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No cache, no referrer, and ``?lang=`` honoured and remembered on a GET."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        chosen = language_from_address(request) if request.method == "GET" else None
        response = view(request, *args, **kwargs)
        if chosen:
            remember_language(response, chosen)
        # Shared phones and school computers: nothing of a respondent's stays in a cache.
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapped)


def page(
    request: HttpRequest, template: str, context: dict, status: int = 200, step: int = 0
) -> HttpResponse:
    return render(request, template, {"step": step, **context}, status=status)


def see_other(name: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(name), status=303)


def go(request: HttpRequest, name: str, state: dict) -> HttpResponse:
    response = see_other(name)
    state_write(request, response, state)
    return response


def refusal(reason: str, status: int = 400, extra: dict | None = None) -> dict:
    return {"reason": reason, "status": status, "extra": extra or {}}


def start_page(request: HttpRequest, message: dict | None = None, typed: str = "") -> HttpResponse:
    status = message["status"] if message else 200
    response = page(
        request,
        "surveys/respondent/start.html",
        {
            "error": message_text(message["reason"], message["extra"]) if message else "",
            "typed": typed,
            "step_form": True,
        },
        status=status,
        step=1,
    )
    if status == 429:
        response["Retry-After"] = str(code_retry_after(request))
    return response


def refuse(request: HttpRequest, message: dict) -> HttpResponse:
    """The start page with why the survey can't go on; nothing of the old state is kept.

    A GET shows it at once; a POST stores it as the start page's message and sees
    the start page (Post/Redirect/Get on refusals too).
    """
    if request.method == "GET":
        response = start_page(request, message)
        state_clear(request, response)
        return response
    return go(request, START, {"message": message})


def load(request: HttpRequest, *needs: str) -> tuple[dict, Ballot] | HttpResponse:
    """The state and what its code opens, or the page that says why it can't go on.

    A state signed before staff links were retired carries a link instead of a
    code; it opens nothing now, so it is out of date like any expired page.
    """
    state = state_read(request)
    if (
        state is None
        or not isinstance(state.get("code"), str)
        or any(n not in state for n in needs)
    ):
        return refuse(request, refusal("expired"))
    try:
        return state, ballot_for_code(code=state["code"])
    except RespondentError as exc:
        return refuse(request, refusal(exc.reason, exc.status, exc.extra))


def officers_of(ballot: Ballot) -> list[Officer]:
    ids = ballot_officer_ids(ballot=ballot)
    by_id = Officer.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def question_text(question: Question, officer: Officer) -> str:
    """The question as this officer's respondent reads it: in Spanish, agreeing with
    la oficial / el oficial, or neutral wording when the officer's form of address is."""
    return question.text_for(translation.get_language(), officer.form_of_address)


def options_of(question: Question) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.AGREE:
        return [(str(v), str(AGREE_LABELS[v])) for v in range(5, 0, -1)]
    if question.kind == QuestionKind.YES_NO:
        return [("yes", gettext("Yes")), ("no", gettext("No"))]
    if question.kind == QuestionKind.CHOICE:
        lang = translation.get_language()
        return [(c["value"], c["text"].get(lang) or c["text"]["en"]) for c in question.choices]
    return []


def questions_of(ballot: Ballot) -> list[Question]:
    return list(Question.objects.filter(template_id=ballot.template_id).order_by("position"))


def thresholds() -> tuple[int, int]:
    """The smallest k and comment minimum of any district: the promise that holds everywhere."""
    found = District.objects.aggregate(
        k=Min("survey_min_responses"), c=Min("comment_min_responses")
    )
    k = found["k"] or 5
    return k, max(found["c"] or 8, k)


def sections_of(state: dict, ballot: Ballot, answers: dict[str, str]) -> list[dict]:
    questions = questions_of(ballot)
    options = {q.code: options_of(q) for q in questions}
    return [
        {
            "officer": o,
            "questions": [
                {
                    "code": q.code,
                    "kind": q.kind,
                    "text": question_text(q, o),
                    "options": options[q.code],
                    "name": f"a-{o.pk}-{q.code}",
                    "value": answers.get(f"{o.pk}:{q.code}", ""),
                }
                for q in questions
            ],
        }
        for o in officers_of(ballot)
        if o.pk in state["officers"]
    ]


def answers_page(
    request: HttpRequest, state: dict, ballot: Ballot, answers: dict, message: dict | None
) -> HttpResponse:
    return page(
        request,
        "surveys/respondent/answers.html",
        {
            "sections": sections_of(state, ballot, answers),
            "error": message_text(message["reason"]) if message else "",
            "step_form": True,
        },
        status=message["status"] if message else 200,
        step=3,
    )


def collect(request: HttpRequest, state: dict, ballot: Ballot) -> dict[str, str]:
    codes = [q.code for q in questions_of(ballot)]
    answers = {}
    for officer in state["officers"]:
        for code in codes:
            value = request.POST.get(f"a-{officer}-{code}", "").strip()
            if value:
                answers[f"{officer}:{code}"] = value
    return answers


def answer_list(state: dict) -> list[dict]:
    out = []
    for key, value in state.get("answers", {}).items():
        officer, code = key.split(":", 1)
        out.append({"officer": int(officer), "question": code, "value": value})
    return out
