"""What the self-assessment adds to a signed-in person's navigation (config/home.py asks
every app in ``PROVIDERS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from selfassessment.permissions import can_assess

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep
    from roster.models import District


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if not can_assess(user=user):
        return []
    return [{"title": "Self-assessment", "url": reverse("selfassessment:list")}]


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    """Nothing waits on anyone: a district assesses itself when it chooses to."""
    return []


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """Not a setup step: the self-assessment reads what the other steps set up."""
    return []
