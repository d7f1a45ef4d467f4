"""Throttling for the public (no-login) forms: complaints, complaint tracking, MOU comments.

DRF's ``SimpleRateThrottle`` only reads the client address and the cache, so it works
for plain Django views too. Every public form shares the ``public_form`` rate in
settings; each form counts apart (its ``counter``), so comments don't use up the
complaint form's allowance. The address stays in the cache for the rate's window,
never in the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request


class PublicFormThrottle(SimpleRateThrottle):
    scope = "public_form"

    def __init__(self, counter: str = "public_form") -> None:
        super().__init__()
        self.counter = counter

    def get_cache_key(self, request: Request, view) -> str:
        return self.cache_format % {"scope": self.counter, "ident": self.get_ident(request)}


def allow_public_post(request: HttpRequest, *, counter: str = "public_form") -> bool:
    # The stubs ask for a DRF Request and a view; the throttle reads only request.META,
    # which a plain Django request has, and never the view.
    return PublicFormThrottle(counter).allow_request(request, None)  # type: ignore[arg-type]
