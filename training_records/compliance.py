"""Compliance rules for one requirement of one officer on one day.

The selectors fetch the rows (records with their running hour sums, computed by SQL
window functions); this module only does the date arithmetic, so the rules read in
one place:

- A requirement is satisfied from the latest completion date ``d`` at which the
  officer's qualifying hours, counted back from the newest, reach ``min_hours`` (one
  completion when ``min_hours`` is 0).
- With a refresher of N months it is due on ``d + N months``: still "due soon" on
  that day (a refresher exactly N months old is due today), overdue from the next.
- An initial requirement is due on the day the officer's first assignment in the
  district starts; training completed later makes it met from then on.
- Any requirement with a refresher (initial or not) whose refresher lapsed before the
  officer's first assignment in the district started is due on that first day, and
  overdue is counted from then: the district could not have asked a refresher of an
  officer it did not have yet, but it asks it of the officer it now has.
- A non-initial requirement never completed has no deadline (no refresher to lapse,
  and nothing says it was due at the start): "missing", as before.
- Never satisfied and no deadline known: "missing".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import models

DUE_SOON_DAYS = 60


class ComplianceStatus(models.TextChoices):
    MET = "met", "Met"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    MISSING = "missing", "Missing"


# Worst first: dashboards sort by this, and ``worst_status`` picks the first.
STATUS_SEVERITY = {
    ComplianceStatus.OVERDUE: 0,
    ComplianceStatus.MISSING: 1,
    ComplianceStatus.DUE_SOON: 2,
    ComplianceStatus.MET: 3,
}


@dataclass(frozen=True)
class Completion:
    completed_on: datetime.date
    hours: Decimal
    running_hours: Decimal


@dataclass(frozen=True)
class Verdict:
    status: str
    due_date: datetime.date | None
    overdue_since: datetime.date | None
    overdue_days: int
    satisfied_on: datetime.date | None


def add_months(day: datetime.date, months: int) -> datetime.date:
    return day + relativedelta(months=months)


def judge(
    *,
    on: datetime.date,
    completions: list[Completion],
    min_hours: Decimal,
    refresh_months: int | None,
    initial: bool,
    assignment_start: datetime.date | None,
) -> Verdict:
    """``completions`` newest first, all on or before ``on``; ``assignment_start`` is
    the first day of the officer's first assignment in the requirement's district
    (None when none is known)."""
    satisfied_on = next((c.completed_on for c in completions if c.running_hours >= min_hours), None)
    due: datetime.date | None
    if satisfied_on is not None and refresh_months is None:
        return Verdict(ComplianceStatus.MET, None, None, 0, satisfied_on)
    if satisfied_on is not None and refresh_months is not None:
        due = add_months(satisfied_on, refresh_months)
        # Lapsed before the officer arrived: due on the first day, initial or not.
        if assignment_start is not None and due < assignment_start:
            due = assignment_start
    else:
        due = assignment_start if initial else None
        if due is None:
            return Verdict(ComplianceStatus.MISSING, None, None, 0, None)
    if on > due:
        return Verdict(
            ComplianceStatus.OVERDUE,
            due,
            due + datetime.timedelta(days=1),
            (on - due).days,
            satisfied_on,
        )
    if (due - on).days <= DUE_SOON_DAYS:
        return Verdict(ComplianceStatus.DUE_SOON, due, None, 0, satisfied_on)
    if satisfied_on is None:
        return Verdict(ComplianceStatus.MISSING, due, None, 0, None)
    return Verdict(ComplianceStatus.MET, due, None, 0, satisfied_on)


def worst(statuses: list[str]) -> str:
    if not statuses:
        return ComplianceStatus.MET
    return min(statuses, key=lambda s: STATUS_SEVERITY[ComplianceStatus(s)])
