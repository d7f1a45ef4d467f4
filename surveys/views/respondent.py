"""The respondent pages at /s/: code, officers, answers, review, thanks.

No account, no session and no JavaScript. Each step's POST stores what was entered
in the signed state cookie (``respondent_state``) and answers 303 See Other; the
next page is a GET rendered from that cookie, so Back and reload never re-post
(Post/Redirect/Get). The code travels only in the code form's POST body and in that
cookie, never in an address. Pages are in the reader's language
(config.middleware.PublicLocaleMiddleware: the language cookie, else
Accept-Language); ``?lang=es`` on a printed link chooses it too. The language
switch on a step page posts that step's form, so switching keeps what was entered.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Min
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ApplicationError
from roster.models import District, Officer
from surveys.models import Question, QuestionKind
from surveys.services import (
    Ballot,
    RespondentError,
    ballot_for_code,
    ballot_officer_ids,
    response_submit,
)
from surveys.throttles import code_attempt_allowed, code_failed, code_retry_after
from surveys.views.respondent_messages import AGREE_LABELS, message_text
from surveys.views.respondent_state import (
    StateTooLarge,
    done_clear,
    done_mark,
    done_marked,
    language_from_address,
    remember_language,
    state_clear,
    state_read,
    state_write,
    supported_language,
)

# A mistyped code shown back in its box is kept only for a few minutes: on a shared
# school computer the next student must not find the last one's typing.
TYPED_MAX_AGE = 10 * 60
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


def _page(
    request: HttpRequest, template: str, context: dict, status: int = 200, step: int = 0
) -> HttpResponse:
    return render(request, template, {"step": step, **context}, status=status)


def _see_other(name: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(name), status=303)


def _go(request: HttpRequest, name: str, state: dict) -> HttpResponse:
    response = _see_other(name)
    state_write(request, response, state)
    return response


def _refusal(reason: str, status: int = 400, extra: dict | None = None) -> dict:
    return {"reason": reason, "status": status, "extra": extra or {}}


def _start_page(request: HttpRequest, message: dict | None = None, typed: str = "") -> HttpResponse:
    status = message["status"] if message else 200
    response = _page(
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


def _refuse(request: HttpRequest, message: dict) -> HttpResponse:
    """The start page with why the survey can't go on; nothing of the old state is kept.

    A GET shows it at once; a POST stores it as the start page's message and sees
    the start page (Post/Redirect/Get on refusals too).
    """
    if request.method == "GET":
        response = _start_page(request, message)
        state_clear(request, response)
        return response
    return _go(request, START, {"message": message})


def _load(request: HttpRequest, *needs: str) -> tuple[dict, Ballot] | HttpResponse:
    """The state and what its code opens, or the page that says why it can't go on.

    A state signed before staff links were retired carries a link instead of a
    code; it opens nothing now, so it is out of date like any expired page.
    """
    state = state_read(request)
    if state is None or not isinstance(state.get("code"), str) or any(n not in state for n in needs):
        return _refuse(request, _refusal("expired"))
    try:
        return state, ballot_for_code(code=state["code"])
    except RespondentError as exc:
        return _refuse(request, _refusal(exc.reason, exc.status, exc.extra))


def _officers(ballot: Ballot) -> list[Officer]:
    ids = ballot_officer_ids(ballot=ballot)
    by_id = Officer.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def _question_text(question: Question, officer: Officer) -> str:
    """The question as this officer's respondent reads it.

    The one place to become ``question.text_for(language, officer.form_of_address)``
    (Spanish texts agreeing with la oficial / el oficial) once questions have it.
    """
    return question.text_in(translation.get_language())


def _options(question: Question) -> list[tuple[str, str]]:
    if question.kind == QuestionKind.AGREE:
        return [(str(v), str(AGREE_LABELS[v])) for v in range(5, 0, -1)]
    if question.kind == QuestionKind.YES_NO:
        return [("yes", gettext("Yes")), ("no", gettext("No"))]
    if question.kind == QuestionKind.CHOICE:
        lang = translation.get_language()
        return [(c["value"], c["text"].get(lang) or c["text"]["en"]) for c in question.choices]
    return []


def _questions(ballot: Ballot) -> list[Question]:
    return list(Question.objects.filter(template_id=ballot.template_id).order_by("position"))


def _thresholds() -> tuple[int, int]:
    """The smallest k and comment minimum of any district: the promise that holds everywhere."""
    found = District.objects.aggregate(
        k=Min("survey_min_responses"), c=Min("comment_min_responses")
    )
    k = found["k"] or 5
    return k, max(found["c"] or 8, k)


@respondent_page
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    k, c = _thresholds()
    return _page(request, "surveys/respondent/privacy.html", {"k": k, "c": c})


@respondent_page
@require_GET
def retired_link(request: HttpRequest, token: str) -> HttpResponse:
    """An address from the retired shared staff links: gone, and where to go instead.

    A shared link let one person answer many times (a new browser, a replayed
    page), so staff and peer officers now get personal single-use codes like
    everyone else. The token is not looked up and nothing is stored. The page is
    in both languages: an old link says nothing about its reader's.
    """
    other = "es" if translation.get_language() == "en" else "en"
    return _page(
        request, "surveys/respondent/retired_link.html", {"other_lang": other}, status=410
    )


@respondent_page
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the code (in a POST body only)."""
    if request.method == "GET":
        shown = state_read(request, max_age=TYPED_MAX_AGE) or {}
        if "code" in shown:
            shown = {}  # a survey under way: its code is not shown back
        return _start_page(request, shown.get("message"), str(shown.get("typed", "")))
    typed = request.POST.get("code", "")[:64]
    language = supported_language(request.POST.get("language"))
    if language:
        response = _go(request, START, {"typed": typed})
        remember_language(response, language)
        return response
    if not code_attempt_allowed(request):
        return _go(request, START, {"typed": typed, "message": _refusal("throttled", 429)})
    if not typed.strip():
        # Not a failed try: nothing was guessed.
        return _go(request, START, {"message": _refusal("no_code")})
    try:
        ballot_for_code(code=typed)
    except RespondentError as exc:
        code_failed(request)
        message = _refusal(exc.reason, exc.status, exc.extra)
        return _go(request, START, {"typed": typed, "message": message})
    response = _go(request, "surveys-respondent:officers", {"code": typed})
    done_clear(request, response)
    return response


@respondent_page
@require_http_methods(["GET", "POST"])
def choose_officers(request: HttpRequest) -> HttpResponse:
    """Step 2: which of the school's officers the respondent knows."""
    loaded = _load(request)
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    officers = _officers(ballot)
    if request.method == "GET":
        return _page(
            request,
            "surveys/respondent/officers.html",
            {
                "officers": officers,
                "chosen": state.get("officers", []),
                "notice": message_text("none_known") if state.get("notice") else "",
                "campaign": ballot.campaign_name,
                "step_form": True,
            },
            step=2,
        )
    ticked = set(request.POST.getlist("officer"))
    chosen = [o.pk for o in officers if str(o.pk) in ticked]
    state.pop("notice", None)
    state["officers"] = chosen
    # Answers about an officer no longer ticked are dropped, never sent.
    state["answers"] = {
        key: value
        for key, value in state.get("answers", {}).items()
        if int(key.split(":", 1)[0]) in chosen
    }
    language = supported_language(request.POST.get("language"))
    if language:
        response = _go(request, "surveys-respondent:officers", state)
        remember_language(response, language)
        return response
    if not chosen:
        # The same choice again, with what it means: a slip of the thumb can still tick someone.
        state["notice"] = True
        return _go(request, "surveys-respondent:officers", state)
    return _go(request, "surveys-respondent:answers", state)


def _sections(state: dict, ballot: Ballot, answers: dict[str, str]) -> list[dict]:
    questions = _questions(ballot)
    options = {q.code: _options(q) for q in questions}
    return [
        {
            "officer": o,
            "questions": [
                {
                    "code": q.code,
                    "kind": q.kind,
                    "text": _question_text(q, o),
                    "options": options[q.code],
                    "name": f"a-{o.pk}-{q.code}",
                    "value": answers.get(f"{o.pk}:{q.code}", ""),
                }
                for q in questions
            ],
        }
        for o in _officers(ballot)
        if o.pk in state["officers"]
    ]


def _answers_page(
    request: HttpRequest, state: dict, ballot: Ballot, answers: dict, message: dict | None
) -> HttpResponse:
    return _page(
        request,
        "surveys/respondent/answers.html",
        {
            "sections": _sections(state, ballot, answers),
            "error": message_text(message["reason"]) if message else "",
            "step_form": True,
        },
        status=message["status"] if message else 200,
        step=3,
    )


def _collect(request: HttpRequest, state: dict, ballot: Ballot) -> dict[str, str]:
    codes = [q.code for q in _questions(ballot)]
    answers = {}
    for officer in state["officers"]:
        for code in codes:
            value = request.POST.get(f"a-{officer}-{code}", "").strip()
            if value:
                answers[f"{officer}:{code}"] = value
    return answers


@respondent_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    """Step 3: the questions about each officer chosen."""
    loaded = _load(request, "officers")
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    if not state["officers"]:
        return _see_other("surveys-respondent:officers")
    if request.method == "GET":
        return _answers_page(request, state, ballot, state.get("answers", {}), state.get("message"))
    state["answers"] = _collect(request, state, ballot)
    state.pop("message", None)
    language = supported_language(request.POST.get("language"))
    if language:
        target = "surveys-respondent:answers"
    elif state["answers"]:
        # The language the answers were given in, stored with the response.
        state["lang"] = translation.get_language()
        target = "surveys-respondent:review"
    else:
        state["message"] = _refusal("no_answers")
        target = "surveys-respondent:answers"
    try:
        response = _go(request, target, state)
    except StateTooLarge:
        # Shown at once with what was typed, so it can be shortened rather than lost.
        return _answers_page(request, state, ballot, state["answers"], _refusal("too_long"))
    if language:
        remember_language(response, language)
    return response


@respondent_page
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    """Step 4: the answers read back; change them or submit."""
    loaded = _load(request, "officers", "answers")
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    if not state["answers"]:
        return _see_other("surveys-respondent:answers")
    sections = []
    for section in _sections(state, ballot, state["answers"]):
        rows = []
        for q in section["questions"]:
            value = q["value"]
            shown = dict(q["options"]).get(value, value) if q["options"] else value
            rows.append({"text": q["text"], "value": shown})
        sections.append({"officer": section["officer"], "rows": rows})
    message = state.get("message")
    response = _page(
        request,
        "surveys/respondent/review.html",
        {"sections": sections, "error": message_text(message["reason"]) if message else ""},
        status=message["status"] if message else 200,
        step=4,
    )
    if message and message["status"] == 429:
        response["Retry-After"] = str(code_retry_after(request))
    return response


def _answer_list(state: dict) -> list[dict]:
    out = []
    for key, value in state.get("answers", {}).items():
        officer, code = key.split(":", 1)
        out.append({"officer": int(officer), "question": code, "value": value})
    return out


@respondent_page
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """Store the response and spend the code, in one transaction; then forget the state."""
    state = state_read(request)
    if state is None or not isinstance(state.get("code"), str) or not state.get("answers"):
        if done_marked(request):
            # A second click on Submit after the first was answered: its state is gone.
            return _see_other("surveys-respondent:used")
        return _refuse(request, _refusal("expired"))
    if not code_attempt_allowed(request):
        state["message"] = _refusal("throttled", 429)
        return _go(request, "surveys-respondent:review", state)
    language = supported_language(state.get("lang")) or translation.get_language()
    try:
        response_submit(code=state["code"], language=language, answers=_answer_list(state))
    except RespondentError as exc:
        code_failed(request)
        if exc.reason != "used":
            return _refuse(request, _refusal(exc.reason, exc.status, exc.extra))
        # A double-clicked Submit (the first click stored the answers) or a second
        # use of the code (a replayed page, another browser): the state can't tell
        # them apart, so the page says both.
        response = _see_other("surveys-respondent:used")
        state_clear(request, response)
        return response
    except ApplicationError:
        state["message"] = _refusal("invalid")
        return _go(request, "surveys-respondent:answers", state)
    response = _see_other("surveys-respondent:thanks")
    state_clear(request, response)
    done_mark(response)
    return response


@respondent_page
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return _page(request, "surveys/respondent/thanks.html", {})


@respondent_page
@require_GET
def used(request: HttpRequest) -> HttpResponse:
    return _page(request, "surveys/respondent/used.html", {"used": message_text("used")})


@respondent_page
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The language switch on pages without a step form: the same page, in the other language.

    Under /s/ rather than Django's /i18n/setlang/, so the request logs leave it out
    like every respondent request (config/request_logs.py).
    """
    target = request.POST.get("next", "")
    if not (
        target.startswith("/s/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        target = reverse(START)
    response = HttpResponseRedirect(target, status=303)
    chosen = supported_language(request.POST.get("language"))
    if chosen:
        remember_language(response, chosen)
    return response
