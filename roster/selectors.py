"""Every read of the roster starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from core.dates import today
from roster.models import (
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    Role,
    School,
)
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def officers_visible(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    current = Assignment.objects.active_on(today()).select_related("school")
    return (
        Officer.objects.visible_to(user)
        .select_related("agency")
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
    )


def period_current(
    *, district: District, day: datetime.date | None = None
) -> EvaluationPeriod | None:
    return EvaluationPeriod.objects.filter(district=district).containing(day or today()).first()


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "district", "school", "agency", "officer"
    )


def user_roles(*, user: User | AnonymousUser) -> list[str]:
    """The user's roles, in the order their home page lists them."""
    scope = scope_for(user)
    return [role for role in Role.values if role in scope.roles]


def schools_visible(*, user: User | AnonymousUser) -> QuerySet[School]:
    return School.objects.visible_to(user).select_related("district")


def districts_coordinated(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The districts the user sets up: those they coordinate (every one for a superuser)."""
    scope = scope_for(user)
    districts = District.objects.visible_to(user)
    if scope.is_superuser:
        return districts
    return districts.filter(pk__in=scope.coordinator_district_ids)


def schools_for_setup(*, user: User | AnonymousUser) -> QuerySet[School]:
    """Schools the user may add and edit: every school of the districts they coordinate."""
    return (
        School.objects.visible_to(user)
        .filter(district__in=districts_coordinated(user=user))
        .select_related("district")
    )


def agencies_for_setup(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    """Agencies the user's districts work with (linked or under an MOU), for a coordinator."""
    scope = scope_for(user)
    agencies = Agency.objects.visible_to(user)
    if scope.is_superuser:
        return agencies
    return agencies.filter(pk__in=scope.coordinator_agency_ids())


def district_working_with(*, user: User | AnonymousUser, agency: Agency) -> District | None:
    """One of the user's coordinated districts that works with ``agency`` (for the audit)."""
    return (
        districts_coordinated(user=user)
        .filter(Q(agencies=agency) | Q(mous__agency=agency))
        .distinct()
        .first()
    )
