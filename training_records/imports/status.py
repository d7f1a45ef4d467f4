"""Whether a row of a training log counts, from its completion status.

LMS exports list every enrolment, not only completions: a "No Show" or "Failed" row
is not training done and must never become a record. A file with a status column has
each row's value judged against two lists: the built-in ones below, plus the values
the agency added on its column-mapping page (an agency's own word wins over the
built-in meaning, so an agency may make "Excused" count). A value in neither list is
a row error: guessing would credit training nobody did, or drop training that was.
Values compare case- and spacing-insensitively ("NO-SHOW" is "No Show").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.tabular_cells import CellProblem, is_formula

COUNTS = ("Completed", "Complete", "Passed", "Pass", "Attended", "Yes", "Credit")
DOES_NOT_COUNT = (
    "No Show",
    "Incomplete",
    "Failed",
    "Fail",
    "Cancelled",
    "Canceled",
    "Withdrawn",
    "Absent",
    "Excused",
    "In Progress",
    "Enrolled",
    "Registered",
)
MAX_STATUS_LENGTH = 60


def status_key(value: Any) -> str:
    """'  NO-show ' -> 'no show'."""
    text = "" if value is None else str(value)
    return " ".join(re.sub(r"[\s_\-]+", " ", text.casefold()).split())


def split_status_values(text: str) -> list[str]:
    """A text box's values: one per line or separated by commas, blanks dropped."""
    return [part.strip() for part in re.split(r"[\n,;]", text or "") if part.strip()]


@dataclass(frozen=True)
class StatusRule:
    counts: dict[str, str]  # key -> the value as the reader should see it
    skips: dict[str, str]

    def accepted(self) -> str:
        counting = ", ".join(sorted(self.counts.values(), key=str.casefold))
        skipping = ", ".join(sorted(self.skips.values(), key=str.casefold))
        return f"counted: {counting}; not counted: {skipping}"

    def counts_row(self, value: Any) -> tuple[bool, str]:
        """(whether the row counts, the value as written); ``CellProblem`` for a
        value in neither list."""
        if is_formula(value):
            raise CellProblem("holds a formula; enter the value itself")
        written = "" if value is None else str(value).strip()
        key = status_key(written)
        if key in self.counts:
            return True, written
        if key in self.skips:
            return False, written
        shown = repr(written[:MAX_STATUS_LENGTH]) if written else "an empty status"
        raise CellProblem(
            f"{shown} is not a completion status this import knows ({self.accepted()}); "
            "add it to the agency's column-mapping page"
        )


def status_rule(*, counts: Iterable[str] = (), skips: Iterable[str] = ()) -> StatusRule:
    """The built-in lists with an agency's values added; the agency's win."""
    agency_counts = {status_key(v): v for v in counts if status_key(v)}
    agency_skips = {status_key(v): v for v in skips if status_key(v)}
    counting = {status_key(v): v for v in COUNTS} | agency_counts
    skipping = {status_key(v): v for v in DOES_NOT_COUNT} | agency_skips
    for key in agency_counts:
        skipping.pop(key, None)
    for key in agency_skips:
        counting.pop(key, None)
    return StatusRule(counts=counting, skips=skipping)


def conflicting_values(*, counts: Iterable[str], skips: Iterable[str]) -> list[str]:
    """Values an agency put in both lists (the service refuses them)."""
    skipped = {status_key(v) for v in skips}
    return sorted({v for v in counts if status_key(v) in skipped}, key=str.casefold)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()[:MAX_STATUS_LENGTH]


def skipped_preview_row(
    number: int, cells: dict, officers: dict[str, tuple[int, str, str]], written: str
) -> list[Any]:
    """A skipped row as the preview lists it, its cells as written (they aren't
    checked), and the reason."""
    badge = _shown(cells.get("badge_number"))
    officer = officers.get(badge.upper())
    return [
        number,
        badge,
        f"{officer[2]}, {officer[1]}" if officer else "",
        _shown(cells.get("course_code")) or _shown(cells.get("course_title")),
        _shown(cells.get("completed_on")),
        _shown(cells.get("hours")),
        _shown(cells.get("provider")),
        f"skipped: status {written[:MAX_STATUS_LENGTH]!r}",
    ]
