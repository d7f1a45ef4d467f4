"""Two versions of an MOU side by side: clause by clause, word by word.

Pure functions over the versions' wording, so the page and its tests need no database
beyond the two versions and their clauses. Differences are marked with ``<del>`` and
``<ins>`` around escaped words (difflib over word tokens, whitespace kept).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from agreements.models import Clause, MOUVersion

# A word with the spaces after it, so a changed run of words is marked as one piece.
_TOKENS = re.compile(r"^\s+|\S+\s*")


@dataclass(frozen=True)
class ComparedRow:
    label: str
    base: SafeString
    other: SafeString
    changed: bool


@dataclass(frozen=True)
class Comparison:
    base: MOUVersion
    other: MOUVersion
    clauses: tuple[ComparedRow, ...]
    terms: tuple[ComparedRow, ...]

    @property
    def changed_count(self) -> int:
        return sum(row.changed for row in (*self.clauses, *self.terms))


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """``before`` with removed words in ``<del>``, ``after`` with added words in ``<ins>``."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed = escape("".join(old[i1:i2]))
        added = escape("".join(new[j1:j2]))
        if op == "equal":
            left.append(removed)
            right.append(added)
            continue
        if removed.strip():
            left.append(f"<del>{removed}</del>")
        else:
            left.append(removed)
        if added.strip():
            right.append(f"<ins>{added}</ins>")
        else:
            right.append(added)
    # Every piece was escaped above; only our own <del>/<ins> tags are markup.
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308


def _row(label: str, before: str, after: str) -> ComparedRow:
    if before == after:
        return ComparedRow(label, escape(before), escape(after), changed=False)
    left, right = word_diff(before, after)
    return ComparedRow(label, left, right, changed=True)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def compare_versions(*, base: MOUVersion, other: MOUVersion) -> Comparison:
    """Every clause (English, then Spanish) and every structured term of two versions.
    The versions' clauses should be prefetched."""
    base_clauses = {c.clause: c for c in base.clauses.all()}
    other_clauses = {c.clause: c for c in other.clauses.all()}
    rows = []
    for clause, label in Clause.choices:
        old, new = base_clauses.get(clause), other_clauses.get(clause)
        rows.append(_row(label, old.text_en if old else "", new.text_en if new else ""))
        rows.append(
            _row(f"{label} (Spanish)", old.text_es if old else "", new.text_es if new else "")
        )
    terms = (
        _row(
            "Days to answer a removal request",
            str(base.removal_response_days),
            str(other.removal_response_days),
        ),
        _row(
            "Review cycle (months)", str(base.review_cycle_months), str(other.review_cycle_months)
        ),
        _row(
            "Officers do not administer ordinary school discipline",
            _yes_no(base.bars_ordinary_discipline),
            _yes_no(other.bars_ordinary_discipline),
        ),
        _row("Full text", base.text, other.text),
    )
    return Comparison(base=base, other=other, clauses=tuple(rows), terms=terms)
