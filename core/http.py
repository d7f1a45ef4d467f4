"""Request types for views that only a signed-in person reaches.

``request.user`` is ``User | AnonymousUser`` to mypy. Behind ``login_required`` (pages)
or ``HasRoleInScope`` (every API but the public ones) it is always a ``User``; these
types say so once, in the signature, instead of a cast at every use. They are for
annotations only: Django and DRF build the ordinary request objects.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from rest_framework.request import Request


class AuthenticatedHttpRequest(HttpRequest):
    user: User


class AuthenticatedRequest(Request):
    user: User
