"""The one DRF permission class every endpoint uses (the default in settings).

Object scope is not checked here: scoped views fetch only from
``Model.objects.visible_to(user)``, so an out-of-scope id is a 404. This class
checks that the user has a role at all, and one of the view's ``allowed_roles``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from roster.scoping import scope_for

if TYPE_CHECKING:
    from rest_framework.request import Request


class HasRoleInScope(BasePermission):
    message = "Your account has no role that may use this."

    def has_permission(self, request: Request, view) -> bool:
        if getattr(view, "public", False):
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return False
        scope = scope_for(user)
        allowed = getattr(view, "allowed_roles", None)
        if allowed is None:
            return not scope.is_empty
        return scope.has_role(*allowed)
