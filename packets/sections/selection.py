"""The officer's selection record in the profile section: the school, the day the
panel's decision was recorded and its outcome, never the panel's scores, notes or
reason (the hiring contract hands none of them out).

It is a table of the profile section, present only when an assignment served in the
period links to a selection record decided by the period's last day, not a section
of its own: a new section would change the snapshot of every packet, so every
signed packet would read as stale although nothing about its officer changed. An
officer without a selection record keeps a byte-identical snapshot. The record is
joined into the profile's assignment query (``assignments_with_selection``), so the
assembly's query count does not grow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiring.contracts import selection_of_assignment
from packets.snapshot import Table

if TYPE_CHECKING:
    from roster.models import Assignment, EvaluationPeriod

TITLE = "How the officer was selected"


def selection_tables(*, served: list[Assignment], period: EvaluationPeriod) -> list[Table]:
    """One table (or none) for the assignments the officer served in the period."""
    rows = []
    for assignment in served:
        outcome = selection_of_assignment(assignment)
        if outcome is None or outcome.decided_on is None or outcome.decided_on > period.end_date:
            continue
        rows.append([outcome.school_name, outcome.decided_on, outcome.decision_label])
    if not rows:
        return []
    return [
        Table(TITLE, ["School", "Decided on", "Outcome"], rows, formats=["text", "date", "text"])
    ]
