"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from core.dates import today
from roster.home import SetupStep, counted
from roster.scoping import scope_for
from surveys.models import Campaign
from surveys.permissions import can_manage_surveys
from surveys.selectors import campaigns_managed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    scope = scope_for(user)
    if scope.is_empty:
        return []
    items = []
    if can_manage_surveys(user=user):
        day = today()
        open_now = (
            campaigns_managed(user=user).filter(opens_on__lte=day, closes_on__gte=day).count()
        )
        items.append(
            {
                "title": "Anonymous surveys",
                "detail": f"{open_now} campaign(s) open now: issue codes, watch response rates",
                "url": reverse("surveys:campaigns"),
            }
        )
    items.append(
        {"title": "Survey results", "detail": "Aggregates only", "url": reverse("surveys:results")}
    )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    return [{"title": "Surveys", "url": reverse("surveys:campaigns")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The district's survey campaigns (config/views.py::setup)."""
    count = Campaign.objects.visible_to(user).filter(district=district).count()
    return [
        SetupStep(
            order=100,
            title="A survey campaign",
            count=count,
            counted=counted(count, "campaign", "campaigns"),
            links=(
                ("Survey campaigns", reverse("surveys:campaigns")),
                ("Create a campaign", reverse("surveys:campaign-new")),
            ),
            help="Students, families, staff and peers answer anonymously; a campaign needs a school year.",
        )
    ]
