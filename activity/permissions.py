"""Who may do what with activity data: the app's ``can_*`` predicates.

Each answers from the user's roles only; which rows they reach is the job of
``visible_to(user)`` in the selectors, so an out-of-scope id stays a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_record_activity(*, user: User | AnonymousUser) -> bool:
    return scope_for(user).has_role(Role.COORDINATOR, Role.SUPERVISOR)


def can_investigate(*, user: User | AnonymousUser) -> bool:
    return scope_for(user).has_role(Role.COORDINATOR, Role.SUPERVISOR)


def can_publish(*, user: User | AnonymousUser) -> bool:
    return scope_for(user).has_role(Role.COORDINATOR)
