"""The ``visible_to(user)`` mechanism, without knowing who may see what.

Which scope a user has (memberships, roles) is roster's business, and the kernel
may not import roster. So the kernel holds the queryset base that every scoped
model uses, and roster registers the function that reads a user's scope when it
starts (``RosterConfig.ready``), the same way the change hook works. A scope is
duck-typed: the kernel needs ``is_superuser``, ``is_empty`` and whatever the
model's ``for_scope`` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from django.core.exceptions import ImproperlyConfigured
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_resolver: Callable[[Any], Any] | None = None


def scope_resolver_register(resolver: Callable[[Any], Any]) -> None:
    global _resolver  # one resolver per process, set once at start
    _resolver = resolver


def scope_of(user: User | AnonymousUser | None) -> Any:
    if _resolver is None:
        raise ImproperlyConfigured("No scope resolver registered: is roster in INSTALLED_APPS?")
    return _resolver(user)


class ScopedQuerySet(models.QuerySet):
    """Base queryset: subclasses say in ``for_scope`` what a non-superuser may see.

    Both return the subclass (``Self``), so a scoped read keeps its model's own
    queryset methods (``.active()``, ``.pending()``) for the type checker too."""

    def visible_to(self, user: User | AnonymousUser | None) -> Self:
        scope = scope_of(user)
        if scope.is_superuser:
            return self.all()
        if scope.is_empty:
            return self.none()
        return self.for_scope(scope)

    def for_scope(self, scope: Any) -> Self:
        raise NotImplementedError(f"{type(self).__name__} must define for_scope()")
