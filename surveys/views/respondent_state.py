"""What a respondent has entered so far, carried between a step's POST and the next GET.

The server keeps nothing between steps (no session, no row): the state (the code,
the officers chosen, the answers) is signed and travels in a cookie scoped to
``/s/``, so every step can answer its POST with 303 See Other and render the
following page from a GET (Post/Redirect/Get: Back never re-posts). The cookie is
HttpOnly (no script reads the code), SameSite=Strict (another site can't make a
respondent's browser send it), Secure wherever session cookies are, and lives no
longer than a signed state is honoured. Cookies are headers: the code is never in
an address, and the request logs leave out every /s/ request anyway
(config/request_logs.py).

A browser keeps a cookie to about 4 KB, and comments run to 2,000 characters per
officer, so the signed value is cut into numbered cookies of ``CHUNK`` characters.
``MAX_CHUNKS`` bounds what a page can ask a browser (and a server's header limit) to
carry; a state past it is refused with a message, never cut short.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import translation

STATE_SALT = "surveys.respondent.state"
STATE_MAX_AGE = 12 * 3600
# "TOKEN" in the name: Django's SafeExceptionReporterFilter then redacts the value on a
# debug page or in an error report, which would otherwise show the code and the answers.
COOKIE = "sro360_survey_token"
COOKIE_PATH = "/s/"
# Name, value and attributes of one cookie stay under the 4,096 bytes browsers keep.
CHUNK = 3800
MAX_CHUNKS = 12
# After a submit, a marker (no code, no answers) lets a second click on Submit hear
# "already saved" rather than "start again"; it goes only to the submit address.
DONE_COOKIE = "sro360_survey_done"
DONE_PATH = "/s/submit/"
DONE_SALT = "surveys.respondent.done"
DONE_MAX_AGE = 15 * 60


class StateTooLarge(Exception):
    """The answers don't fit in the cookies a browser keeps."""


class _Utf8JSON:
    """JSON without \\u escapes: accented comments take half the room (before zlib)."""

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode())


def _chunk_name(index: int) -> str:
    return COOKIE if index == 0 else f"{COOKIE}_{index}"


def _present_chunks(request: HttpRequest) -> list[str]:
    return [
        name
        for name in request.COOKIES
        if name == COOKIE or (name.startswith(f"{COOKIE}_") and name[len(COOKIE) + 1 :].isdigit())
    ]


def state_read(request: HttpRequest, max_age: int = STATE_MAX_AGE) -> dict | None:
    """The signed state from the request's cookies, or None when missing, forged or
    older than ``max_age`` seconds."""
    parts = []
    for index in range(MAX_CHUNKS):
        part = request.COOKIES.get(_chunk_name(index))
        if part is None:
            break
        parts.append(part)
    if not parts:
        return None
    try:
        state = signing.loads(
            "".join(parts), salt=STATE_SALT, max_age=max_age, serializer=_Utf8JSON
        )
    except (signing.BadSignature, zlib.error, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _cookie_options(path: str, max_age: int) -> dict[str, Any]:
    return {
        "max_age": max_age,
        "path": path,
        "httponly": True,
        "samesite": "Strict",
        "secure": settings.SESSION_COOKIE_SECURE,
    }


def signed_state(state: dict) -> list[str]:
    """The state signed and cut into cookie-sized parts (StateTooLarge past MAX_CHUNKS)."""
    value = signing.dumps(state, salt=STATE_SALT, compress=True, serializer=_Utf8JSON)
    parts = [value[i : i + CHUNK] for i in range(0, len(value), CHUNK)]
    if len(parts) > MAX_CHUNKS:
        raise StateTooLarge
    return parts


def state_write(request: HttpRequest, response: HttpResponse, state: dict) -> None:
    """Put ``state`` in the response's cookies, dropping parts a longer state left behind."""
    parts = signed_state(state)
    for index, part in enumerate(parts):
        response.set_cookie(_chunk_name(index), part, **_cookie_options(COOKIE_PATH, STATE_MAX_AGE))
    written = {_chunk_name(i) for i in range(len(parts))}
    for name in _present_chunks(request):
        if name not in written:
            response.delete_cookie(name, path=COOKIE_PATH, samesite="Strict")


def state_clear(request: HttpRequest, response: HttpResponse) -> None:
    for name in _present_chunks(request):
        response.delete_cookie(name, path=COOKIE_PATH, samesite="Strict")


def done_mark(response: HttpResponse) -> None:
    value = signing.dumps({"done": True}, salt=DONE_SALT)
    response.set_cookie(DONE_COOKIE, value, **_cookie_options(DONE_PATH, DONE_MAX_AGE))


def done_marked(request: HttpRequest) -> bool:
    try:
        signing.loads(request.COOKIES.get(DONE_COOKIE, ""), salt=DONE_SALT, max_age=DONE_MAX_AGE)
    except signing.BadSignature:
        return False
    return True


def done_clear(request: HttpRequest, response: HttpResponse) -> None:
    if DONE_COOKIE in request.COOKIES:
        response.delete_cookie(DONE_COOKIE, path=DONE_PATH, samesite="Strict")


def supported_language(value: str | None) -> str | None:
    return value if value in dict(settings.LANGUAGES) else None


def remember_language(response: HttpResponse, language: str) -> None:
    """The language cookie, exactly as Django's set_language view writes it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def language_from_address(request: HttpRequest) -> str | None:
    """``?lang=es`` from a link printed on a slip or letter: it wins for this page and
    is remembered (the caller sets the cookie), like a press on the language switch."""
    language = supported_language(request.GET.get("lang"))
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
    return language
