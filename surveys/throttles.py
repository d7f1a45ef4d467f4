"""Code guessing is throttled per client address, on pages and API alike.

What is counted is failed codes (mistyped, unknown, used, closed), not code
entries: a whole school behind one address answers a survey in the same ten
minutes, and a right code gives a guesser nothing more to learn. Past the rate
(``survey_code`` in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES) every code from that
address is refused until the window passes. One counter per address, shared by
the code page, the submit page and the API; the address is hashed before it
becomes a cache key, and the counter expires with its window.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from rest_framework.throttling import SimpleRateThrottle

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request

# The code page and the submit page are plain Django views, so the helpers below take an
# HttpRequest too. The stubs ask DRF's throttle for a Request and a view, but it reads only
# ``request.META`` (which both have) and never the view.


class SurveyCodeThrottle(SimpleRateThrottle):
    scope = "survey_code"
    # Set by SimpleRateThrottle.__init__ from the rate; the stubs don't declare them.
    num_requests: int
    duration: int

    def get_cache_key(self, request: Request, view) -> str:
        ident = hashlib.sha256(self.get_ident(request).encode()).hexdigest()[:24]
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def _recent(self, request: Request) -> list[float]:
        self.key = self.get_cache_key(request, None)
        self.now = self.timer()
        self.history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        return self.history

    def allow_request(self, request: Request, view) -> bool:
        """Whether this address may try a code now; the try itself is not counted."""
        if self.rate is None:
            return True
        return len(self._recent(request)) < self.num_requests

    def record_failure(self, request: Request) -> None:
        if self.rate is None:
            return
        history = self._recent(request)
        history.insert(0, self.now)
        self.cache.set(self.key, history[: self.num_requests], self.duration)

    def retry_after(self, request: Request) -> int:
        """Seconds until this address may try a code again (at least 1)."""
        if self.rate is None:
            return 1
        self._recent(request)  # wait() reads the history and clock this sets
        return max(1, int(self.wait() or 1))


def code_attempt_allowed(request: HttpRequest | Request) -> bool:
    return SurveyCodeThrottle().allow_request(request, None)  # type: ignore[arg-type]  # see below


def code_failed(request: HttpRequest | Request) -> None:
    SurveyCodeThrottle().record_failure(request)  # type: ignore[arg-type]


def code_retry_after(request: HttpRequest | Request) -> int:
    return SurveyCodeThrottle().retry_after(request)  # type: ignore[arg-type]
