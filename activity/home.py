"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from activity import permissions
from activity.models import ComplaintStatus
from activity.selectors import records as selectors

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep
    from roster.models import District


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    items: list[dict] = []
    if permissions.can_investigate(user=user):
        open_count = (
            selectors.complaints_visible(user=user)
            .filter(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING])
            .count()
        )
        if open_count:
            items.append(
                {
                    "title": "Complaints to investigate",
                    "detail": f"{open_count} open complaint{'s' if open_count != 1 else ''}",
                    "url": reverse("activity:complaints"),
                }
            )
    if permissions.can_record_activity(user=user):
        items.append(
            {
                "title": "Record enforcement activity",
                "detail": "Incidents, actions and alternatives, by form or file import",
                "url": reverse("activity:incidents"),
            }
        )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    return [{"title": "Activity", "url": reverse("activity:incidents")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """Nothing of its own to set up: the public report's suppression threshold is a
    district setting (roster's step)."""
    return []
