"""Who may do what with surveys: the app's ``can_*`` predicates.

Each answers from the user's roles (and, where an object is given, its district);
which rows they reach is the job of ``visible_to(user)`` in the selectors, so an
out-of-scope id stays a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from surveys.models import Campaign


def can_manage_surveys(*, user: User | AnonymousUser) -> bool:
    """Run campaigns at all (create them, issue codes): a district coordinator."""
    return scope_for(user).has_role(Role.COORDINATOR)


def can_release(*, user: User | AnonymousUser, campaign: Campaign) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or campaign.district_id in scope.coordinator_district_ids


def can_read_school_results(*, user: User | AnonymousUser) -> bool:
    return scope_for(user).has_role(Role.COORDINATOR, Role.PRINCIPAL)


def can_edit_parent_notice(*, user: User | AnonymousUser, campaign: Campaign) -> bool:
    """The district coordinator writes a campaign's parents' notice."""
    scope = scope_for(user)
    return scope.is_superuser or campaign.district_id in scope.coordinator_district_ids


def can_read_opt_out_names(*, user: User | AnonymousUser, school_id: int) -> bool:
    """Only the principal of the child's school, who holds back the child's slip.

    Not the coordinator (counts, suppressed below k), not the officer or the agency,
    not another school's principal, and not a superuser: nobody else needs a name.
    """
    return school_id in scope_for(user).school_ids


def can_read_opt_outs_of(*, user: User | AnonymousUser, campaign: Campaign) -> bool:
    """Principal of at least one of the campaign's schools (their own schools' names)."""
    school_ids = scope_for(user).school_ids
    return bool(school_ids) and campaign.schools.filter(pk__in=school_ids).exists()
