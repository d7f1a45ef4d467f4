"""Every read of the roster starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from core.dates import today
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    Role,
    RosterImport,
    School,
)
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def officers_visible(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    current = Assignment.objects.visible_to(user).active_on(today()).select_related("school")
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


def district_working_with(*, user: User | AnonymousUser, agency: Agency) -> District | None:
    """One of the user's coordinated districts that works with ``agency`` (for the audit)."""
    return (
        districts_coordinated(user=user)
        .filter(Q(agencies=agency) | Q(mous__agency=agency))
        .distinct()
        .first()
    )


# Coordinator-only setup: each starts from visible_to(user)
# and keeps what the districts the user *coordinates* own, so an id outside them is a 404
# and a principal or supervisor of the same district can't write through them.


def agencies_coordinated(*, user: User | AnonymousUser) -> QuerySet[Agency]:
    scope = scope_for(user)
    agencies = Agency.objects.visible_to(user)
    return (
        agencies if scope.is_superuser else agencies.filter(pk__in=scope.coordinator_agency_ids())
    )


def schools_coordinated(*, user: User | AnonymousUser) -> QuerySet[School]:
    scope = scope_for(user)
    schools = schools_visible(user=user)
    return (
        schools
        if scope.is_superuser
        else schools.filter(district_id__in=scope.coordinator_district_ids)
    )


def officers_coordinated(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    """Officers the coordinator may correct: those of the agencies the district works with."""
    return officers_visible(user=user).filter(agency__in=agencies_coordinated(user=user))


def assignments_coordinated(*, user: User | AnonymousUser) -> QuerySet[Assignment]:
    return (
        Assignment.objects.visible_to(user)
        .filter(school__in=schools_coordinated(user=user))
        .select_related("officer__agency", "school__district")
    )


def mous_coordinated(*, user: User | AnonymousUser) -> QuerySet[MOU]:
    return (
        MOU.objects.visible_to(user)
        .filter(district__in=districts_coordinated(user=user))
        .select_related("district", "agency")
    )


def roster_imports_visible(*, user: User | AnonymousUser) -> QuerySet[RosterImport]:
    return RosterImport.objects.visible_to(user).select_related("district", "created_by")
