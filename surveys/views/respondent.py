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

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ApplicationError
from surveys.services import RespondentError, ballot_for_code, response_submit
from surveys.throttles import code_attempt_allowed, code_failed, code_retry_after
from surveys.views.respondent_messages import message_text
from surveys.views.respondent_pages import (
    START,
    answer_list,
    answers_page,
    collect,
    go,
    load,
    officers_of,
    page,
    refusal,
    refuse,
    respondent_page,
    sections_of,
    see_other,
    start_page,
    thresholds,
)
from surveys.views.respondent_state import (
    StateTooLarge,
    done_clear,
    done_mark,
    done_marked,
    remember_language,
    state_clear,
    state_read,
    supported_language,
)

# A mistyped code shown back in its box is kept only for a few minutes: on a shared
# school computer the next student must not find the last one's typing.
TYPED_MAX_AGE = 10 * 60


@respondent_page
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    k, c = thresholds()
    return page(request, "surveys/respondent/privacy.html", {"k": k, "c": c})


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
    return page(request, "surveys/respondent/retired_link.html", {"other_lang": other}, status=410)


@respondent_page
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the code (in a POST body only)."""
    if request.method == "GET":
        shown = state_read(request, max_age=TYPED_MAX_AGE) or {}
        if "code" in shown:
            shown = {}  # a survey under way: its code is not shown back
        return start_page(request, shown.get("message"), str(shown.get("typed", "")))
    typed = request.POST.get("code", "")[:64]
    language = supported_language(request.POST.get("language"))
    if language:
        response = go(request, START, {"typed": typed})
        remember_language(response, language)
        return response
    if not code_attempt_allowed(request):
        return go(request, START, {"typed": typed, "message": refusal("throttled", 429)})
    if not typed.strip():
        # Not a failed try: nothing was guessed.
        return go(request, START, {"message": refusal("no_code")})
    try:
        ballot_for_code(code=typed)
    except RespondentError as exc:
        code_failed(request)
        message = refusal(exc.reason, exc.status, exc.extra)
        return go(request, START, {"typed": typed, "message": message})
    response = go(request, "surveys-respondent:officers", {"code": typed})
    done_clear(request, response)
    return response


@respondent_page
@require_http_methods(["GET", "POST"])
def choose_officers(request: HttpRequest) -> HttpResponse:
    """Step 2: which of the school's officers the respondent knows."""
    loaded = load(request)
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    officers = officers_of(ballot)
    if request.method == "GET":
        return page(
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
        response = go(request, "surveys-respondent:officers", state)
        remember_language(response, language)
        return response
    if not chosen:
        # The same choice again, with what it means: a slip of the thumb can still tick someone.
        state["notice"] = True
        return go(request, "surveys-respondent:officers", state)
    return go(request, "surveys-respondent:answers", state)


@respondent_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    """Step 3: the questions about each officer chosen."""
    loaded = load(request, "officers")
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    if not state["officers"]:
        return see_other("surveys-respondent:officers")
    if request.method == "GET":
        return answers_page(request, state, ballot, state.get("answers", {}), state.get("message"))
    state["answers"] = collect(request, state, ballot)
    state.pop("message", None)
    language = supported_language(request.POST.get("language"))
    if language:
        target = "surveys-respondent:answers"
    elif state["answers"]:
        # The language the answers were given in, stored with the response.
        state["lang"] = translation.get_language()
        target = "surveys-respondent:review"
    else:
        state["message"] = refusal("no_answers")
        target = "surveys-respondent:answers"
    try:
        response = go(request, target, state)
    except StateTooLarge:
        # Shown at once with what was typed, so it can be shortened rather than lost.
        return answers_page(request, state, ballot, state["answers"], refusal("too_long"))
    if language:
        remember_language(response, language)
    return response


@respondent_page
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    """Step 4: the answers read back; change them or submit."""
    loaded = load(request, "officers", "answers")
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot = loaded
    if not state["answers"]:
        return see_other("surveys-respondent:answers")
    sections = []
    for section in sections_of(state, ballot, state["answers"]):
        rows = []
        for q in section["questions"]:
            value = q["value"]
            shown = dict(q["options"]).get(value, value) if q["options"] else value
            rows.append({"text": q["text"], "value": shown})
        sections.append({"officer": section["officer"], "rows": rows})
    message = state.get("message")
    response = page(
        request,
        "surveys/respondent/review.html",
        {"sections": sections, "error": message_text(message["reason"]) if message else ""},
        status=message["status"] if message else 200,
        step=4,
    )
    if message and message["status"] == 429:
        response["Retry-After"] = str(code_retry_after(request))
    return response


@respondent_page
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """Store the response and spend the code, in one transaction; then forget the state."""
    state = state_read(request)
    if state is None or not isinstance(state.get("code"), str) or not state.get("answers"):
        if done_marked(request):
            # A second click on Submit after the first was answered: its state is gone.
            return see_other("surveys-respondent:used")
        return refuse(request, refusal("expired"))
    if not code_attempt_allowed(request):
        state["message"] = refusal("throttled", 429)
        return go(request, "surveys-respondent:review", state)
    language = supported_language(state.get("lang")) or translation.get_language()
    try:
        response_submit(code=state["code"], language=language, answers=answer_list(state))
    except RespondentError as exc:
        code_failed(request)
        if exc.reason != "used":
            return refuse(request, refusal(exc.reason, exc.status, exc.extra))
        # A double-clicked Submit (the first click stored the answers) or a second
        # use of the code (a replayed page, another browser): the state can't tell
        # them apart, so the page says both.
        response = see_other("surveys-respondent:used")
        state_clear(request, response)
        return response
    except ApplicationError:
        state["message"] = refusal("invalid")
        return go(request, "surveys-respondent:answers", state)
    response = see_other("surveys-respondent:thanks")
    state_clear(request, response)
    done_mark(response)
    return response


@respondent_page
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return page(request, "surveys/respondent/thanks.html", {})


@respondent_page
@require_GET
def used(request: HttpRequest) -> HttpResponse:
    return page(request, "surveys/respondent/used.html", {"used": message_text("used")})


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
