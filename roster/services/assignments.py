"""Assignments: ending one (a granted removal request, a move)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError
from roster.models import Assignment

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def assignment_end(
    *, assignment_id: int, on: datetime.date, actor: User, reason: str
) -> Assignment:
    """End an officer's assignment at a school on ``on``, audited with ``reason``.

    An assignment already ending on or before ``on`` is left as it is. Called inside
    the caller's transaction (a granted removal request), the row stays locked
    until that commits.
    """
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("school")
            .get(pk=assignment_id)
        )
        if on < assignment.start_date:
            raise ApplicationError(
                f"The assignment started on {assignment.start_date:%Y-%m-%d}; it can't end before that."
            )
        if assignment.end_date is not None and assignment.end_date <= on:
            return assignment
        before = field_values(assignment, ("end_date",))
        assignment.end_date = on
        assignment.full_clean()
        assignment.save(update_fields=["end_date", "updated_at"])
        audit_record(
            actor=actor,
            action="assignment.ended",
            target=assignment,
            district=assignment.school.district_id,
            reason=reason,
            changes=changes_between(before, field_values(assignment, ("end_date",))),
        )
    return assignment
