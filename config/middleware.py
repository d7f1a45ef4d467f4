"""Answer 503 while the database is unreachable, instead of a 500 per request.

With ``CONN_HEALTH_CHECKS`` Django reconnects by itself once the database is back,
so the app recovers without a restart.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s", exception)
        message = "The service is briefly unavailable. Please try again in a moment; nothing you sent was stored."
        if request.path.startswith("/api/") or request.path == "/healthz":
            response: HttpResponse = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(
                f"<!DOCTYPE html><html lang=en><title>Unavailable</title><h1>Service unavailable</h1><p>{message}</p>",
                status=503,
            )
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
