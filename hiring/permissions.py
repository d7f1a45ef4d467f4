"""Who may do what with hiring guidelines and selection records.

Reading is ``visible_to`` (the models' querysets): the district's coordinators and the
candidate's agency see a record, a panelist sees the records they sit on. These
predicates decide the writes and what of the panel's scores a reader may see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiring.models import SelectionStatus
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from hiring.models import HiringGuideline, SelectionRecord
    from roster.models import Agency, District


def can_manage_guidelines(user: User | AnonymousUser, district: District | int) -> bool:
    district_id = district if isinstance(district, int) else district.pk
    scope = scope_for(user)
    return scope.is_superuser or district_id in scope.coordinator_district_ids


def can_edit_guideline(user: User | AnonymousUser, guideline: HiringGuideline) -> bool:
    return guideline.published_on is None and can_manage_guidelines(user, guideline.district_id)


def can_create_selection(user: User | AnonymousUser, district: District, agency: Agency) -> bool:
    """The district's coordinator, or a supervisor of the candidate's agency in the district."""
    scope = scope_for(user)
    if scope.is_superuser or district.pk in scope.coordinator_district_ids:
        return True
    return agency.pk in scope.agency_ids and district.pk in scope.supervisor_district_ids


def can_manage_selection(user: User | AnonymousUser, record: SelectionRecord) -> bool:
    """Enter a representative's scores, see the panel once complete, decide."""
    scope = scope_for(user)
    if scope.is_superuser or record.district_id in scope.coordinator_district_ids:
        return True
    return (
        record.agency_id in scope.agency_ids and record.district_id in scope.supervisor_district_ids
    )


def can_see_panel_scores(
    user: User | AnonymousUser, record: SelectionRecord, *, panel_complete: bool
) -> bool:
    """The coordinator and the agency's supervisor see every panelist's scores once the
    panel is complete (every panelist submitted) or the record is decided. A panelist
    who does not manage the record never sees anyone's scores but their own, not even
    after the decision: the issue says panelists see only what they scored, and a
    principal who knew a supervisor's scores could be pressed about them."""
    if not can_manage_selection(user, record):
        return False
    return panel_complete or record.status == SelectionStatus.DECIDED
