"""Who may do what with evaluations. The services enforce these; the pages ask them so
that they offer only the actions that would work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluations.models import Evaluation
from roster.models import School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_evaluate(*, user: User | AnonymousUser, school: School) -> bool:
    scope = scope_for(user)
    return (
        scope.is_superuser
        or school.pk in scope.school_ids
        or school.district_id in scope.coordinator_district_ids
    )


def can_review(*, user: User | AnonymousUser, evaluation: Evaluation) -> bool:
    """The officer's supervisor or the district's coordinator — never the officer
    themself (a user may hold both memberships): a review of one's own evaluation
    would clear the packet's sign-off blocker."""
    scope = scope_for(user)
    if evaluation.officer_id in scope.officer_ids:
        return False
    return (
        scope.is_superuser
        or evaluation.officer.agency_id in scope.agency_ids
        or evaluation.district_id in scope.coordinator_district_ids
    )


def can_acknowledge(*, user: User | AnonymousUser, evaluation: Evaluation) -> bool:
    return evaluation.officer_id in scope_for(user).officer_ids
