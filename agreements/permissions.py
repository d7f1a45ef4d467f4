"""Who may do what with the MOU record: the app's ``can_*`` predicates.

Which MOUs a user reaches is ``visible_to(user)``'s job (the district's coordinators and
principals, the agency's supervisors; officers nothing). These say what a reader may
change: only a coordinator of the MOU's district writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import MOU


def can_manage_mou_record(*, user: User | AnonymousUser, mou: MOU) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or mou.district_id in scope.coordinator_district_ids


def can_manage_any_mou_record(*, user: User | AnonymousUser) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.coordinator_district_ids)
