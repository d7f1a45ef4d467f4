"""What hiring adds to a signed-in person's home page and navigation (config/home.py
lists the providers: add ``hiring.home`` there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from hiring.models import Panelist, SelectionStatus
from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep
    from roster.models import District

STAFF = (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR)


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    """The selection panels waiting for the person's own scores."""
    if user.pk is None or not scope_for(user).has_role(*STAFF):
        return []
    seats = Panelist.objects.filter(
        user_id=user.pk, submitted_at__isnull=True, record__status=SelectionStatus.OPEN
    ).select_related("record__candidate", "record__school")
    return [
        {
            "title": f"Score {seat.record.candidate.full_name} for {seat.record.school.name}",
            "detail": "You sit on the selection panel; your scores are sealed when you submit.",
            "url": reverse("hiring:selection", args=[seat.record_id]),
        }
        for seat in seats
    ]


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if not scope_for(user).has_role(*STAFF):
        return []
    return [{"title": "Hiring", "url": reverse("hiring:selections")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """Guidelines are needed only when a district selects an officer: not a setup step."""
    return []
