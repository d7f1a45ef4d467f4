"""Reads for the people pages and APIs: everything starts from the coordinator's scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from accounts.models import ApiToken, Invitation, InvitationQuerySet
from roster.models import Agency, District, Membership, Officer, Role, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def coordinated_districts(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The districts whose people the user manages: those they coordinate (active)."""
    scope = scope_for(user)
    districts = District.objects.visible_to(user)
    return (
        districts if scope.is_superuser else districts.filter(pk__in=scope.coordinator_district_ids)
    )


def memberships_manageable(*, user: User | AnonymousUser) -> QuerySet[Membership]:
    """Memberships (active and ended) of the districts the user coordinates."""
    return (
        Membership.objects.visible_to(user)
        .filter(district__in=coordinated_districts(user=user))
        .select_related("user", "district", "school", "agency", "officer")
    )


def invitations_manageable(*, user: User | AnonymousUser) -> InvitationQuerySet:
    return Invitation.objects.visible_to(user).select_related(
        "district", "school", "agency", "officer", "invited_by"
    )


def district_schools(*, district: District) -> QuerySet[School]:
    return School.objects.filter(district=district).order_by("name")


def district_agencies(*, district: District) -> QuerySet[Agency]:
    """The agencies the district works with: linked to it, or under one of its MOUs."""
    return Agency.objects.filter(
        pk__in=Agency.objects.filter(Q(districts=district) | Q(mous__district=district)).values(
            "pk"
        )
    ).order_by("name")


def district_officers(*, district: District) -> QuerySet[Officer]:
    """Officers assigned to the district's schools or serving an agency it works with."""
    return (
        Officer.objects.filter(
            Q(assignments__school__district=district)
            | Q(agency__in=district_agencies(district=district))
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def district_active_coordinators(*, district: District) -> QuerySet[Membership]:
    return Membership.objects.filter(district=district, role=Role.COORDINATOR, is_active=True)


def invitation_by_token(*, token_hash: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("district", "school", "agency", "officer")
        .filter(token_hash=token_hash)
        .first()
    )


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens that still work (an expired one is gone for good)."""
    return ApiToken.objects.filter(user=user).live()
