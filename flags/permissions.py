"""Who may do what with flag rules, flags and removal requests. The services enforce
these; the pages and API ask them so that they offer only what would work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flags.models import RemovalRequest
from roster.models import District, Role, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_edit_flag_rules(*, user: User | AnonymousUser, district: District) -> bool:
    """The district's coordinator."""
    scope = scope_for(user)
    return scope.is_superuser or district.pk in scope.coordinator_district_ids


def can_edit_some_flag_rules(*, user: User | AnonymousUser) -> bool:
    """Whether the user coordinates any district (the rules pages offer editing)."""
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.coordinator_district_ids)


def can_see_flag_board(*, user: User | AnonymousUser) -> bool:
    """Coordinators, principals and supervisors work the flags; officers see their own."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR)


def can_file_removal_requests(*, user: User | AnonymousUser) -> bool:
    """Principals (at some school) may ask for an officer's removal."""
    return scope_for(user).has_role(Role.PRINCIPAL)


def can_file_removal_request(*, user: User | AnonymousUser, school: School) -> bool:
    """A principal of that school."""
    scope = scope_for(user)
    return scope.is_superuser or school.pk in scope.school_ids


def can_withdraw_removal_request(*, user: User | AnonymousUser, request: RemovalRequest) -> bool:
    """A principal of the school that filed it."""
    scope = scope_for(user)
    return scope.is_superuser or request.school_id in scope.school_ids


def can_answer_removal_request(*, user: User | AnonymousUser, request: RemovalRequest) -> bool:
    """A supervisor of the officer's agency in the district."""
    scope = scope_for(user)
    return scope.is_superuser or (
        request.officer.agency_id in scope.agency_ids
        and request.district_id in scope.supervisor_district_ids
    )


def can_read_removal_reasons(*, user: User | AnonymousUser, request: RemovalRequest) -> bool:
    """The school, the agency and the district read the reasons; the officer sees only
    that the request exists and its decision."""
    scope = scope_for(user)
    return (
        scope.is_superuser
        or request.district_id in scope.coordinator_district_ids
        or request.school_id in scope.school_ids
        or can_answer_removal_request(user=user, request=request)
    )
