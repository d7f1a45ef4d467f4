"""API tokens (django-rest-knox): made at login, listed and revoked by their owner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from accounts.models import ApiToken
from core.audit import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def api_token_create(*, user: User) -> tuple[ApiToken, str]:
    """A new token for ``user``: the secret is returned once and never stored."""
    return ApiToken.objects.create(user=user)


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="api_token.revoked", target=token)
        token.delete()


def api_tokens_revoke_all(*, user: User) -> int:
    with transaction.atomic():
        deleted, _ = ApiToken.objects.filter(user=user).delete()
        if deleted:
            audit_record(actor=user, action="api_token.revoked_all", target=user)
    return deleted
