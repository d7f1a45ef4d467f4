"""Throttling for the public (no-login) forms: the complaint form and the tracking lookup.

DRF's ``SimpleRateThrottle`` only reads the client address and the cache, so it works
for plain Django views too and shares the ``public_form`` rate in settings.
"""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle


class PublicFormThrottle(SimpleRateThrottle):
    scope = "public_form"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def allow_public_post(request) -> bool:
    return PublicFormThrottle().allow_request(request, None)
