"""Who may do what with self-assessments: the district coordinator only.

Which assessments they reach is ``SelfAssessment.objects.visible_to(user)`` (their
districts), so another district's id stays a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District


def can_assess(*, user: User | AnonymousUser, district: District | None = None) -> bool:
    """A coordinator (of ``district``, when given) may start, answer and complete."""
    scope = scope_for(user)
    if district is None:
        return scope.has_role(Role.COORDINATOR)
    return scope.is_superuser or district.pk in scope.coordinator_district_ids
