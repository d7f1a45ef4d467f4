"""Answer 503 while the database is unreachable, instead of a 500 per request.

With ``CONN_HEALTH_CHECKS`` Django reconnects by itself once the database is back,
so the app recovers without a restart.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

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


class PublicLocaleMiddleware(LocaleMiddleware):
    """The reader's language on the pages the public and respondents open; English elsewhere.

    Public and respondent pages (``settings.PUBLIC_PATH_PREFIXES``) follow the language
    switch's cookie, else the browser's Accept-Language (``es-MX`` reads as ``es``).
    Staff pages are written in English only, so a coordinator whose browser prefers
    Spanish gets English throughout rather than Django's own messages in Spanish
    beside English pages.
    """

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
            super().process_request(request)
            return
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
            return super().process_response(request, response)
        return response
