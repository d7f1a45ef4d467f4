"""API token authentication: knox's, with a refused token answered 401.

SessionAuthentication comes first in the settings, so a request with no credentials
is a 403 as everywhere in the API (core/schema.py). A request that *does* present a
token that is unknown, expired or revoked gets 401 with a ``WWW-Authenticate: Token``
challenge instead: the client must log in again, which a 403 ("no role for this")
would not tell it. DRF turns ``AuthenticationFailed`` into 403 when the first
authenticator has no challenge, so the refusal is an exception of its own.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework import exceptions, status


class TokenRefused(exceptions.APIException):
    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "Invalid, expired or revoked token: log in again."
    default_code = "token_refused"
    auth_header = "Token"


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Any) -> Any:
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as refused:
            raise TokenRefused(refused.detail) from None


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.auth.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'API token from POST /api/v1/auth/token/, sent as "Token <token>"; it expires.',
        }
