"""Throttling for the public (no-login) forms: the complaint form and the tracking lookup.

DRF's ``SimpleRateThrottle`` only reads the client address and the cache, so it works
for plain Django views too and shares the ``public_form`` rate in settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request


class PublicFormThrottle(SimpleRateThrottle):
    scope = "public_form"

    def get_cache_key(self, request: Request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def allow_public_post(request: HttpRequest) -> bool:
    # The stubs ask for a DRF Request and a view; the throttle reads only request.META,
    # which a plain Django request has, and never the view.
    return PublicFormThrottle().allow_request(request, None)  # type: ignore[arg-type]
