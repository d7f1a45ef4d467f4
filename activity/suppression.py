"""Small-count suppression for public figures, shared by every output format.

ARCHITECTURE.md (public figures): counts below the district's threshold are hidden.
Hiding a cell is not enough when its row or column total is shown: the reader
subtracts the shown cells from the total. So every *line* — a set of cells that
add up to a shown total, together with that total — must hide either none of its
cells or at least two (complementary suppression, as state education agencies do
for CRDC data). Lines may cross tables: a school's arrests by race add up to the
same arrests cell the counts-by-type table shows, so both tables share that cell.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

Key = Hashable


def suppressed_cells(
    counts: Mapping[Key, int], lines: Iterable[tuple[Sequence[Key], Key]], *, threshold: int
) -> frozenset[Key]:
    """The cells to hide: primary (1 to threshold-1) plus complementary ones.

    ``lines`` are (members, total) with sum(members) == total. Zero is shown (an
    exact zero discloses no one); a hidden zero is indistinguishable from "<N".
    When a line hides exactly one cell, its smallest shown member is hidden too
    (the total only when no member is left), repeating until no line hides
    exactly one cell.
    """
    hidden = {key for key, value in counts.items() if 0 < value < threshold}
    groups = [(list(members), total) for members, total in lines]
    changed = True
    while changed:
        changed = False
        for members, total in groups:
            line = [*members, total]
            if sum(1 for key in line if key in hidden) != 1:
                continue
            shown_members = [key for key in members if key not in hidden]
            candidates = shown_members or [total]
            hidden.add(min(candidates, key=lambda key: counts[key]))
            changed = True
    return frozenset(hidden)


SUPPRESSED = "suppressed"


def display(value: int, *, hidden: bool) -> str:
    """Every hidden cell reads the same: labelling the small ones "<N" would mislabel the
    larger ones hidden beside them, and labelling those differently would tell them apart."""
    return SUPPRESSED if hidden else str(value)
