"""Code guessing is throttled per client address, on pages and API alike.

One cache counter per address (the rate is ``survey_code`` in REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES), shared by the code page, the submit page and the API, so
switching between them buys no extra guesses. The address is hashed before it
becomes a cache key and the counter expires with its window.
"""

from __future__ import annotations

import hashlib

from rest_framework.throttling import SimpleRateThrottle


class SurveyCodeThrottle(SimpleRateThrottle):
    scope = "survey_code"

    def get_cache_key(self, request, view) -> str:
        ident = hashlib.sha256(self.get_ident(request).encode()).hexdigest()[:24]
        return self.cache_format % {"scope": self.scope, "ident": ident}


def code_attempt_allowed(request) -> bool:
    """Count one code attempt by a page request; False once the address is over the rate."""
    return SurveyCodeThrottle().allow_request(request, None)
