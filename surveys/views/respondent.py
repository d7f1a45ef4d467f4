"""The respondent pages at /s/: code, language, officers, answers, review, thanks.

No account, no session and no JavaScript. What a respondent has entered so far
travels in one signed hidden field (``state``), posted back at each step, so the
server keeps nothing between steps and the code only ever travels in POST bodies.
"""

from __future__ import annotations

from django.core import signing
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ApplicationError
from roster.models import District, Officer
from surveys.models import Question, QuestionKind
from surveys.respondent_text import AGREE_LABELS, TEXT, language_or_default
from surveys.services import (
    Ballot,
    RespondentError,
    ballot_for_code,
    ballot_officer_ids,
    response_submit,
)
from surveys.throttles import code_attempt_allowed, code_failed, code_retry_after

STATE_SALT = "surveys.respondent.state"
STATE_MAX_AGE = 12 * 3600


STEPS = {
    "surveys/respondent/start.html": 1,
    "surveys/respondent/officers.html": 2,
    "surveys/respondent/answers.html": 3,
    "surveys/respondent/review.html": 4,
}


def _page(
    request: HttpRequest, template: str, lang: str, context: dict, status: int = 200
) -> HttpResponse:
    t = TEXT[lang]
    step = STEPS.get(template)
    with translation.override(lang):
        response = render(
            request,
            template,
            {
                "t": t,
                "lang": lang,
                "LANGUAGE_CODE": lang,
                "other_lang": "es" if lang == "en" else "en",
                "step_text": t["step"].format(n=step) if step else "",
                **context,
            },
            status=status,
        )
    # Shared phones and school computers: nothing of a respondent's stays in a cache.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _throttled(request: HttpRequest, lang: str) -> HttpResponse:
    response = _page(
        request,
        "surveys/respondent/start.html",
        lang,
        {"error": TEXT[lang]["throttled"]},
        status=429,
    )
    response["Retry-After"] = str(code_retry_after(request))
    return response


def _error_text(lang: str, exc: ApplicationError) -> str:
    reason = exc.extra.get("reason", "")
    t = TEXT[lang]
    if reason == "closed":
        return t["closed"].format(date=exc.extra["closes_on"])
    if reason == "not_open":
        return t["not_open"].format(date=exc.extra["opens_on"])
    return t.get(reason) or t["invalid"]


def _sign(state: dict) -> str:
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def _unsign(request: HttpRequest) -> dict | None:
    """The posted state, or None when it is forged, stale, or holds no code.

    A state signed before staff links were retired carries a link instead of a
    code; it opens nothing now, so it is out of date like any expired page.
    """
    try:
        state = signing.loads(request.POST.get("state", ""), salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or not isinstance(state.get("code"), str):
        return None
    return state


def _officers(ballot: Ballot) -> list[Officer]:
    ids = ballot_officer_ids(ballot=ballot)
    by_id = Officer.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def _questions(ballot: Ballot, lang: str) -> list[dict]:
    labels = AGREE_LABELS[lang]
    t = TEXT[lang]
    out = []
    for q in Question.objects.filter(template_id=ballot.template_id).order_by("position"):
        if q.kind == QuestionKind.AGREE:
            options = [(str(v), labels[v]) for v in range(5, 0, -1)]
        elif q.kind == QuestionKind.YES_NO:
            options = [("yes", t["yes"]), ("no", t["no"])]
        elif q.kind == QuestionKind.CHOICE:
            options = [(c["value"], c["text"].get(lang) or c["text"]["en"]) for c in q.choices]
        else:
            options = []
        out.append({"code": q.code, "kind": q.kind, "text": q.text_in(lang), "options": options})
    return out


def _thresholds() -> tuple[int, int]:
    """The smallest k and comment minimum of any district: the promise that holds everywhere."""
    found = District.objects.aggregate(
        k=Min("survey_min_responses"), c=Min("comment_min_responses")
    )
    k = found["k"] or 5
    return k, max(found["c"] or 8, k)


def _start_over(request: HttpRequest, lang: str, reason: str = "expired") -> HttpResponse:
    return _page(
        request, "surveys/respondent/start.html", lang, {"error": TEXT[lang][reason]}, status=400
    )


@never_cache
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    lang = language_or_default(request.GET.get("lang"))
    k, c = _thresholds()
    return _page(
        request,
        "surveys/respondent/privacy.html",
        lang,
        {"who_sees": TEXT[lang]["who_sees"].format(k=k, c=c)},
    )


@never_cache
@sensitive_post_parameters("code", "state")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the language (links, no JavaScript) and the code (POST only)."""
    lang = language_or_default(request.POST.get("lang") or request.GET.get("lang"))
    if request.method == "GET":
        return _page(request, "surveys/respondent/start.html", lang, {})
    if not code_attempt_allowed(request):
        return _throttled(request, lang)
    code = request.POST.get("code", "")
    if not code.strip():
        # Not a failed try: nothing was guessed.
        return _page(
            request,
            "surveys/respondent/start.html",
            lang,
            {"error": TEXT[lang]["no_code"]},
            status=400,
        )
    try:
        ballot = ballot_for_code(code=code)
    except RespondentError as exc:
        code_failed(request)
        return _page(
            request,
            "surveys/respondent/start.html",
            lang,
            {"error": _error_text(lang, exc)},
            status=exc.status,
        )
    return _officer_step(request, {"code": code, "lang": lang}, ballot)


@never_cache
@require_GET
def retired_link(request: HttpRequest, token: str) -> HttpResponse:
    """An address from the retired shared staff links: gone, and where to go instead.

    A shared link let one person answer many times (a new browser, a replayed
    page), so staff and peer officers now get personal single-use codes like
    everyone else. The token is not looked up and nothing is stored. The page is
    in both languages: an old link says nothing about its reader's.
    """
    lang = language_or_default(request.GET.get("lang"))
    other = "es" if lang == "en" else "en"
    return _page(
        request, "surveys/respondent/retired_link.html", lang, {"other_t": TEXT[other]}, status=410
    )


def _officer_step(
    request: HttpRequest, state: dict, ballot: Ballot, notice: str = ""
) -> HttpResponse:
    return _page(
        request,
        "surveys/respondent/officers.html",
        state["lang"],
        {
            "state": _sign(state),
            "officers": _officers(ballot),
            "campaign": ballot.campaign_name,
            "notice": notice,
        },
    )


def _load(request: HttpRequest) -> tuple[dict, Ballot, str] | HttpResponse:
    """The posted state and what it opens, or the page that says why it can't go on."""
    lang = language_or_default(request.POST.get("lang"))
    state = _unsign(request)
    if state is None:
        return _start_over(request, lang)
    lang = language_or_default(state.get("lang"))
    try:
        return state, ballot_for_code(code=state["code"]), lang
    except RespondentError as exc:
        return _page(
            request,
            "surveys/respondent/start.html",
            lang,
            {"error": _error_text(lang, exc)},
            status=exc.status,
        )


@never_cache
@sensitive_post_parameters("state")
@require_POST
def choose_officers(request: HttpRequest) -> HttpResponse:
    """Step 2: which of the school's officers the respondent knows."""
    loaded = _load(request)
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot, lang = loaded
    officers = _officers(ballot)
    chosen = [o for o in officers if str(o.pk) in request.POST.getlist("officer")]
    if not chosen:
        # The same choice again, with what it means: a slip of the thumb can still tick someone.
        return _officer_step(request, state, ballot, notice=TEXT[lang]["none_known"])
    state["officers"] = [o.pk for o in chosen]
    state.setdefault("answers", {})
    return _answer_page(request, state, ballot, lang)


def _answer_page(
    request: HttpRequest, state: dict, ballot: Ballot, lang: str, error: str = ""
) -> HttpResponse:
    officers = [o for o in _officers(ballot) if o.pk in state["officers"]]
    questions = _questions(ballot, lang)
    answers = state.get("answers", {})
    sections = [
        {
            "officer": o,
            "questions": [
                {
                    **q,
                    "name": f"a-{o.pk}-{q['code']}",
                    "value": answers.get(f"{o.pk}:{q['code']}", ""),
                }
                for q in questions
            ],
        }
        for o in officers
    ]
    return _page(
        request,
        "surveys/respondent/answers.html",
        lang,
        {"state": _sign(state), "sections": sections, "error": error},
        status=400 if error else 200,
    )


def _collect(request: HttpRequest, state: dict, ballot: Ballot) -> dict[str, str]:
    codes = [q.code for q in Question.objects.filter(template_id=ballot.template_id)]
    answers = {}
    for officer in state["officers"]:
        for code in codes:
            value = request.POST.get(f"a-{officer}-{code}", "").strip()
            if value:
                answers[f"{officer}:{code}"] = value
    return answers


def _answer_list(state: dict) -> list[dict]:
    out = []
    for key, value in state.get("answers", {}).items():
        officer, code = key.split(":", 1)
        out.append({"officer": int(officer), "question": code, "value": value})
    return out


@never_cache
@sensitive_post_parameters("state")
@require_POST
def review(request: HttpRequest) -> HttpResponse:
    """Step 3: the answers read back; change them or submit."""
    loaded = _load(request)
    if isinstance(loaded, HttpResponse):
        return loaded
    state, ballot, lang = loaded
    if "officers" not in state:
        return _start_over(request, lang)
    if request.POST.get("change"):
        return _answer_page(request, state, ballot, lang)
    state["answers"] = _collect(request, state, ballot)
    if not state["answers"]:
        return _answer_page(request, state, ballot, lang, error=TEXT[lang]["no_answers"])
    questions = _questions(ballot, lang)
    officers = [o for o in _officers(ballot) if o.pk in state["officers"]]
    sections = []
    for officer in officers:
        rows = []
        for q in questions:
            value = state["answers"].get(f"{officer.pk}:{q['code']}", "")
            shown = dict(q["options"]).get(value, value) if q["options"] else value
            rows.append({"text": q["text"], "value": shown})
        sections.append({"officer": officer, "rows": rows})
    return _page(
        request,
        "surveys/respondent/review.html",
        lang,
        {"state": _sign(state), "sections": sections},
    )


@never_cache
@sensitive_post_parameters("state")
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """Step 4: store the response and spend the code, in one transaction."""
    lang = language_or_default(request.POST.get("lang"))
    state = _unsign(request)
    if state is None or "answers" not in state:
        return _start_over(request, lang)
    lang = language_or_default(state.get("lang"))
    if not code_attempt_allowed(request):
        return _throttled(request, lang)
    try:
        response_submit(code=state["code"], language=lang, answers=_answer_list(state))
    except RespondentError as exc:
        code_failed(request)
        if exc.reason == "used":
            # A double-clicked Submit (the first click stored the answers) or a
            # second use of the code (a replayed page, another browser): the signed
            # state can't tell them apart, so the page says both.
            t = TEXT[lang]
            return _page(
                request,
                "surveys/respondent/message.html",
                lang,
                {"title": t["used_title"], "message": f"{t['used']} {t['already_saved']}"},
            )
        return _page(
            request,
            "surveys/respondent/start.html",
            lang,
            {"error": _error_text(lang, exc)},
            status=exc.status,
        )
    except ApplicationError:
        return _start_over(request, lang, "invalid")
    return redirect(f"{reverse('surveys-respondent:thanks')}?lang={lang}")


@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    lang = language_or_default(request.GET.get("lang"))
    return _page(
        request,
        "surveys/respondent/message.html",
        lang,
        {"title": TEXT[lang]["thanks_title"], "message": TEXT[lang]["thanks"]},
    )
