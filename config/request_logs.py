"""What the product's request logs leave out: everything about the respondent pages.

Anonymity invariant 1: no log the product writes holds a per-submission time or
address. A log line about a respondent's request dates it to the second — if not by
its own timestamp, then by the one journald, Docker or the hosting platform puts in
front of every line the process prints — so such lines are dropped whole, not
stripped of their time and address.

Two places enforce it, both with ``is_private_request``:

- ``RespondentRequestFilter``, on every handler in ``settings.LOGGING``: Django's
  ``django.server`` (runserver: one line per request), ``django.request`` (each 4xx
  and 5xx, naming the path), ``django.security.*`` (a CSRF refusal, naming it);
- ``RespondentQuietLogger``, gunicorn's logger class in ``config/gunicorn.py``: the
  access log (time, address, request line, referer) and the error log ("Error
  handling request /s/submit/").

A reverse proxy in front keeps its own access log: README.md, "Deploying".
"""

from __future__ import annotations

import datetime
import logging
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from gunicorn.glogging import Logger

# As Django routes them (path_info: without a deployment's SCRIPT_NAME prefix).
# tests/config/test_request_logs.py checks them against the URLconf.
# Parents' notices too: a line for an opt-out would date it, which its table never does.
# Public comments on MOU reviews too: the comment's post and the thanks page after it.
RESPONDENT_PATHS = (
    "/s/",
    "/api/v1/surveys/responses/",
    "/public/surveys/notices/",
    "/public/mou/comments/",
)
# What a respondent page loads besides itself (its stylesheet, officers' photos):
# a line for it would date the visit just as well, and runserver's line doesn't say
# which page asked for it.
ASSET_PATHS = ("/static/", "/media/", "/favicon.ico")

# A path in a log message: '"POST /s/submit/ HTTP/1.1" 302 0' (runserver),
# "Not Found: /s/link/x/" (django.request), "Error handling request POST /s/" (gunicorn).
_PATH_IN_MESSAGE = re.compile(r"""(?:^|(?<=[\s"'(]))(?:https?://[^/\s"']*)?(/[^\s"'?#]*)""")


def is_respondent_path(path: str) -> bool:
    return any(path == prefix.rstrip("/") or path.startswith(prefix) for prefix in RESPONDENT_PATHS)


def is_private_request(path: str, referer: str | None = None) -> bool:
    """Whether a request may be a respondent's: one of their pages, or an asset that
    such a page asked for or whose referring page is unknown (``referer`` empty or None)."""
    if is_respondent_path(path):
        return True
    if path.startswith(ASSET_PATHS):
        return not referer or is_respondent_path(unquote(urlsplit(referer).path))
    return False


class RespondentRequestFilter(logging.Filter):
    """Drops log records about a respondent's request (see the module docstring).

    Put on handlers rather than loggers: a logger's filter doesn't see records that
    propagate from its children (``django.security.csrf`` to ``django``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        meta = getattr(request, "META", None)  # an HttpRequest; runserver puts its socket here
        if request is not None and isinstance(meta, dict):
            return not is_private_request(request.path_info, meta.get("HTTP_REFERER"))
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call still must not raise out of logging
            message = str(record.msg)
        # Paths as sent (percent-encoded); the referer, if any, is not in the line.
        return not any(
            is_private_request(unquote(path)) for path in _PATH_IN_MESSAGE.findall(message)
        )


class RespondentQuietLogger(Logger):
    """gunicorn's logger without the respondent pages' access and error lines."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        # setup() runs again on a configuration reload (SIGHUP); one filter is enough.
        if not any(isinstance(f, RespondentRequestFilter) for f in self.error_log.filters):
            self.error_log.addFilter(RespondentRequestFilter())

    def access(self, resp: Any, req: Any, environ: dict, request_time: datetime.timedelta) -> None:
        if is_private_request(environ.get("PATH_INFO", ""), environ.get("HTTP_REFERER")):
            return
        super().access(resp, req, environ, request_time)
