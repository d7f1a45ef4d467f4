"""Who may see what: the one scoping mechanism for every page and endpoint.

Every model that a role may read has a queryset with ``visible_to(user)``. It
reads the user's memberships once per request (cached on the user object) and
narrows the queryset to the user's scope; an id outside it is then simply not
found, so pages and APIs answer 404 without a separate permission check that
could be forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_CACHE_ATTR = "_sro360_scope"


@dataclass(frozen=True)
class Scope:
    is_superuser: bool = False
    user_id: int | None = None
    roles: frozenset[str] = frozenset()
    coordinator_district_ids: frozenset[int] = frozenset()
    principal_district_ids: frozenset[int] = frozenset()
    supervisor_district_ids: frozenset[int] = frozenset()
    school_ids: frozenset[int] = frozenset()
    agency_ids: frozenset[int] = frozenset()
    officer_ids: frozenset[int] = frozenset()
    district_ids: frozenset[int] = field(default=frozenset())

    @property
    def is_empty(self) -> bool:
        return not self.is_superuser and not self.roles

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    # Subqueries, so scope filters stay one SQL statement.
    def principal_officer_ids(self) -> models.QuerySet:
        assignment = apps.get_model("roster", "Assignment")
        return assignment.objects.filter(school_id__in=self.school_ids).values("officer_id")

    def officer_school_ids(self) -> models.QuerySet:
        assignment = apps.get_model("roster", "Assignment")
        return assignment.objects.filter(officer_id__in=self.officer_ids).values("school_id")

    def officer_agency_ids(self) -> models.QuerySet:
        officer = apps.get_model("roster", "Officer")
        return officer.objects.filter(pk__in=self.officer_ids).values("agency_id")

    def coordinator_agency_ids(self) -> models.QuerySet:
        """Agencies the coordinator's districts work with: linked, or under an MOU."""
        agency = apps.get_model("roster", "Agency")
        return (
            agency.objects.filter(
                models.Q(districts__in=self.coordinator_district_ids)
                | models.Q(mous__district_id__in=self.coordinator_district_ids)
            )
            .values("pk")
            .distinct()
        )

    def coordinator_officer_ids(self) -> models.QuerySet:
        """Officers assigned to a school of the district, and the officers of an agency it
        works with who have never served another district's school.

        A coordinator links an agency by typing its code, and an agency may serve
        several districts: an agency-wide view would show one district the officers,
        training and compliance of another's SROs.
        """
        assignment = apps.get_model("roster", "Assignment")
        officer = apps.get_model("roster", "Officer")
        assigned = assignment.objects.filter(
            school__district_id__in=self.coordinator_district_ids
        ).values("officer_id")
        elsewhere = assignment.objects.exclude(
            school__district_id__in=self.coordinator_district_ids
        ).values("officer_id")
        of_agency = (
            officer.objects.filter(agency_id__in=self.coordinator_agency_ids())
            .exclude(pk__in=elsewhere)
            .values("pk")
        )
        return officer.objects.filter(
            models.Q(pk__in=assigned) | models.Q(pk__in=of_agency)
        ).values("pk")


def scope_for(user: User | AnonymousUser | None) -> Scope:
    """The user's scope, read from their memberships once and kept for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    membership = apps.get_model("roster", "Membership")
    rows = list(
        membership.objects.filter(user=user, is_active=True).values_list(
            "role", "district_id", "school_id", "agency_id", "officer_id"
        )
    )
    by_role: dict[str, set[int]] = {}
    schools: set[int] = set()
    agencies: set[int] = set()
    officers: set[int] = set()
    for role, district_id, school_id, agency_id, officer_id in rows:
        by_role.setdefault(role, set()).add(district_id)
        if school_id:
            schools.add(school_id)
        if agency_id:
            agencies.add(agency_id)
        if officer_id:
            officers.add(officer_id)
    scope = Scope(
        is_superuser=bool(user.is_superuser),
        user_id=user.pk,
        roles=frozenset(by_role),
        coordinator_district_ids=frozenset(by_role.get("coordinator", ())),
        principal_district_ids=frozenset(by_role.get("principal", ())),
        supervisor_district_ids=frozenset(by_role.get("supervisor", ())),
        school_ids=frozenset(schools),
        agency_ids=frozenset(agencies),
        officer_ids=frozenset(officers),
        district_ids=frozenset(d for ids in by_role.values() for d in ids),
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: User | AnonymousUser | None) -> None:
    """Drop the cached scope, after the user's memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
