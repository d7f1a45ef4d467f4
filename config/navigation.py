"""The main navigation: each app's ``home.nav_items(user=...)`` adds its links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts import home as accounts_home
from config.home import PROVIDERS

if TYPE_CHECKING:
    from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items: list[dict] = []
    for provider in PROVIDERS:
        items.extend(getattr(provider, "nav_items", lambda **_: [])(user=user))
    items.extend(accounts_home.nav_items(user=user))
    return {"nav_items": items}
