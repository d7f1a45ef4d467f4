from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    items = []
    if scope_for(user).has_role(Role.COORDINATOR):
        items.append({"title": "People", "url": reverse("accounts:people")})
    if user.is_authenticated:
        items.append({"title": "API tokens", "url": reverse("accounts:tokens")})
    return items
