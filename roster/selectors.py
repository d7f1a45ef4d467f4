"""Every read of the roster starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from core.dates import today
from roster.models import (
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


def roster_import_districts(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The districts whose roster the user may import: those they coordinate (active)."""
    scope = scope_for(user)
    districts = District.objects.visible_to(user)
    if scope.is_superuser:
        return districts.order_by("code")
    return districts.filter(pk__in=scope.coordinator_district_ids).order_by("code")


def roster_imports_visible(*, user: User | AnonymousUser) -> QuerySet[RosterImport]:
    return RosterImport.objects.visible_to(user).select_related("district", "created_by")
