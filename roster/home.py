from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from roster import selectors
from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    """One item per role: who the person is responsible for."""
    scope = scope_for(user)
    items: list[dict] = []
    officers = selectors.officers_visible(user=user)
    if scope.has_role(Role.COORDINATOR):
        items.append(
            {
                "title": "Your district's roster",
                "detail": f"{selectors.schools_visible(user=user).count()} schools, {officers.count()} officers",
                "url": reverse("roster:officers"),
            }
        )
        for district_id in sorted(scope.coordinator_district_ids):
            items.append(
                {
                    "title": "Download all of the district's data (zip of CSV and XLSX)",
                    "detail": "For portability and records requests.",
                    "url": reverse("roster:district-export", args=[district_id]),
                }
            )
    elif scope.has_role(Role.PRINCIPAL, Role.SUPERVISOR):
        items.append(
            {
                "title": "Officers you are responsible for",
                "detail": f"{officers.count()} officers",
                "url": reverse("roster:officers"),
            }
        )
    elif scope.has_role(Role.OFFICER):
        items.append(
            {
                "title": "Your profile and assignments",
                "detail": "",
                "url": reverse("roster:officers"),
            }
        )
    if scope.is_empty:
        items.append(
            {
                "title": "Your account has no role yet",
                "detail": "Ask your district coordinator to give you one.",
                "url": "",
            }
        )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    return [{"title": "Officers", "url": reverse("roster:officers")}]
