"""Assignments: placing an officer at a school, changing its dates, ending it (a granted
removal request, a move)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError
from roster.models import Assignment, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DATE_FIELDS = ("start_date", "end_date")


def _refuse_end_before_start(*, start: datetime.date, end: datetime.date | None) -> None:
    if end is not None and end < start:
        raise ApplicationError(
            f"The assignment starts on {start:%Y-%m-%d}; it can't end before that."
        )


def _refuse_overlap(
    *,
    officer_id: int,
    school_id: int,
    start: datetime.date,
    end: datetime.date | None,
    exclude_pk: int | None = None,
) -> None:
    """One officer, one school: one assignment at a time. The same officer may serve two
    schools at once (districts do share an SRO between neighbouring schools), so only
    the same school is checked. The caller holds the officer's row lock, so two
    requests (a double click) can't both pass this check."""
    clash = (
        Assignment.objects.filter(officer_id=officer_id, school_id=school_id)
        .overlapping(start, end or datetime.date.max)
        .exclude(pk=exclude_pk)
        .order_by("start_date")
        .first()
    )
    if clash is not None:
        until = f"{clash.end_date:%Y-%m-%d}" if clash.end_date else "open-ended"
        raise ApplicationError(
            f"This officer is already assigned to {clash.school.name} from"
            f" {clash.start_date:%Y-%m-%d} ({until}); change that assignment's dates instead."
        )


def _lock_officer(officer_id: int) -> None:
    Officer.objects.select_for_update().filter(pk=officer_id).first()


def assignment_create(
    *,
    officer: Officer,
    school: School,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    actor: User,
) -> Assignment:
    with transaction.atomic():
        _lock_officer(officer.pk)
        _refuse_end_before_start(start=start_date, end=end_date)
        _refuse_overlap(officer_id=officer.pk, school_id=school.pk, start=start_date, end=end_date)
        assignment = Assignment(
            officer=officer, school=school, start_date=start_date, end_date=end_date
        )
        assignment.full_clean()
        assignment.save()
        audit_record(
            actor=actor,
            action="assignment.created",
            target=assignment,
            district=school.district_id,
            changes=changes_between(
                {}, field_values(assignment, ("officer", "school", *DATE_FIELDS))
            ),
        )
    return assignment


def assignment_update(
    *,
    assignment: Assignment,
    start_date: datetime.date,
    end_date: datetime.date | None,
    actor: User,
    reason: str = "",
) -> Assignment:
    """Change an assignment's dates; setting the end date ends it (``assignment.ended``),
    under the same rule as ``assignment_end``: never before it starts."""
    with transaction.atomic():
        _lock_officer(assignment.officer_id)
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("school")
            .get(pk=assignment.pk)
        )
        _refuse_end_before_start(start=start_date, end=end_date)
        _refuse_overlap(
            officer_id=assignment.officer_id,
            school_id=assignment.school_id,
            start=start_date,
            end=end_date,
            exclude_pk=assignment.pk,
        )
        before = field_values(assignment, DATE_FIELDS)
        ends_now = assignment.end_date is None and end_date is not None
        assignment.start_date = start_date
        assignment.end_date = end_date
        after = field_values(assignment, DATE_FIELDS)
        if after == before:
            return assignment
        assignment.full_clean()
        assignment.save(update_fields=[*DATE_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            action="assignment.ended" if ends_now else "assignment.updated",
            target=assignment,
            district=assignment.school.district_id,
            reason=reason,
            changes=changes_between(before, after),
        )
    return assignment


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
