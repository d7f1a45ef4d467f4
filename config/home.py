"""The home page lists, per role, what that person has to do; the setup checklist
lists what a coordinator's district still lacks.

config is the top of the import graph, so it may ask every app; apps add their
items through their own ``home.home_tasks(user=...)`` and their checklist steps
through ``home.setup_steps(user=..., district=...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse

from activity import home as activity_home
from evaluations import home as evaluations_home
from flags import home as flags_home
from packets import home as packets_home
from roster import home as roster_home
from roster.models import District
from roster.scoping import scope_for
from surveys import home as surveys_home
from training_records import home as training_home

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep

PROVIDERS = [
    roster_home,
    training_home,
    evaluations_home,
    flags_home,
    packets_home,
    surveys_home,
    activity_home,
]


def home_sections(*, user: User | AnonymousUser) -> list[dict]:
    sections = setup_reminders(user=user)
    for provider in PROVIDERS:
        sections.extend(provider.home_tasks(user=user))
    return sections


def coordinated_districts(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The districts whose checklist the user may read: those they coordinate."""
    scope = scope_for(user)
    if scope.is_superuser:
        return District.objects.all()
    return District.objects.filter(pk__in=scope.coordinator_district_ids)


def setup_checklist(*, user: User, district: District) -> list[SetupStep]:
    """Every app's steps for ``district``, in the order a coordinator takes them."""
    steps: list[SetupStep] = []
    for provider in PROVIDERS:
        steps.extend(provider.setup_steps(user=user, district=district))
    return sorted(steps, key=lambda step: step.order)


def setup_reminders(*, user: User | AnonymousUser) -> list[dict]:
    """A home-page line per coordinated district whose checklist isn't complete.

    Only coordinators of a few districts pay for it (a dozen COUNTs a district); a
    superuser who coordinates nothing isn't reminded of every district.
    """
    if user.is_anonymous:
        return []
    scope = scope_for(user)
    if not scope.coordinator_district_ids:
        return []
    items = []
    for district in District.objects.filter(pk__in=scope.coordinator_district_ids):
        steps = setup_checklist(user=user, district=district)
        missing = [step for step in steps if not step.done]
        if missing:
            names = "; ".join(step.title for step in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            items.append(
                {
                    "title": f"Finish setting up {district.name}",
                    "detail": f"{len(steps) - len(missing)} of {len(steps)} steps done. "
                    f"Missing: {names}{more}.",
                    "url": reverse("setup") + f"?district={district.pk}",
                }
            )
    return items
