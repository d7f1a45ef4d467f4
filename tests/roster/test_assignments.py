"""Ending an assignment (what a granted removal request does to the roster)."""

from __future__ import annotations

import datetime

import pytest

from core.audit import audit_history
from core.errors import ApplicationError
from roster.services.assignments import assignment_end
from tests.factories.roster import AssignmentFactory, coordinator_of

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 8, 1)


def test_ending_an_assignment_sets_its_last_day_and_is_audited() -> None:
    assignment = AssignmentFactory(start_date=START, end_date=None)
    actor = coordinator_of(assignment.school.district)

    assignment_end(
        assignment_id=assignment.pk,
        on=datetime.date(2026, 11, 30),
        actor=actor,
        reason="Request #4 granted.",
    )

    assignment.refresh_from_db()
    assert assignment.end_date == datetime.date(2026, 11, 30)
    [event] = audit_history(assignment)
    assert (event.action, event.reason, event.district_id) == (
        "assignment.ended",
        "Request #4 granted.",
        assignment.school.district_id,
    )


def test_an_assignment_cannot_end_before_it_started_and_stays_open() -> None:
    assignment = AssignmentFactory(start_date=START, end_date=None)

    with pytest.raises(ApplicationError, match="started on 2026-08-01"):
        assignment_end(
            assignment_id=assignment.pk,
            on=START - datetime.timedelta(days=1),
            actor=None,
            reason="x",
        )

    assignment.refresh_from_db()
    assert assignment.end_date is None
    assert not audit_history(assignment)


def test_an_earlier_end_is_never_pushed_later() -> None:
    assignment = AssignmentFactory(start_date=START, end_date=datetime.date(2026, 10, 1))

    assignment_end(
        assignment_id=assignment.pk, on=datetime.date(2026, 12, 1), actor=None, reason="x"
    )

    assignment.refresh_from_db()
    assert assignment.end_date == datetime.date(2026, 10, 1)
    assert not audit_history(assignment)
