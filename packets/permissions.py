"""Who may do what with packets. The services enforce these and the pages and API ask
them, so a button is offered only to those for whom it would work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packets.models import PacketVersion
from roster.models import Agency, EvaluationPeriod, Membership, Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_start_batches(*, user: User | AnonymousUser) -> bool:
    """Whether the user may build packets at all (coordinators and supervisors)."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.SUPERVISOR)


def can_build_packets(
    *, user: User | AnonymousUser | None, period: EvaluationPeriod, agency: Agency | None
) -> bool:
    """The district's coordinator for any officers; a supervisor for their own agency.

    Nobody (``None``) may: a batch started without a person is the management command's,
    which does not ask.
    """
    scope = scope_for(user)
    if scope.is_superuser or period.district_id in scope.coordinator_district_ids:
        return True
    return (
        agency is not None
        and agency.pk in scope.agency_ids
        and period.district_id in scope.supervisor_district_ids
    )


def can_review_packet(*, user: User | AnonymousUser, version: PacketVersion) -> bool:
    """A supervisor of the officer's agency, in that district — never the officer
    themself (a user may hold both roles): nobody signs off their own packet."""
    scope = scope_for(user)
    if version.packet.officer_id in scope.officer_ids:
        return False
    if scope.is_superuser:
        return True
    agency_id = version.packet.officer.agency_id
    district_id = version.packet.period.district_id
    # The scope's agency and district sets are flat: a supervisor of agency A in one
    # district and of agency B in another holds both of each, so the one membership
    # pairing this agency with this district is asked for.
    return (
        scope.user_id is not None
        and agency_id in scope.agency_ids
        and district_id in scope.supervisor_district_ids
        and Membership.objects.filter(
            user_id=scope.user_id,
            role=Role.SUPERVISOR,
            is_active=True,
            agency_id=agency_id,
            district_id=district_id,
        ).exists()
    )


def reads_as_officer(*, user: User | AnonymousUser, version: PacketVersion) -> bool:
    """Whether the user is the officer the packet is about: they read the officer's
    copy (packets/readers.py), whatever other role they also hold."""
    return version.packet.officer_id in scope_for(user).officer_ids


def can_acknowledge_packet(*, user: User | AnonymousUser, version: PacketVersion) -> bool:
    """Only the officer the packet is about."""
    return version.packet.officer_id in scope_for(user).officer_ids
