"""Small-count suppression for public figures, shared by every output format.

ARCHITECTURE.md (public figures): counts below the district's threshold are hidden,
and every line with hidden cells hides at least that threshold in total. A *line* is
a set of cells that add up to a shown total, with that total: a reader subtracts the
shown cells from the total and learns what the hidden ones add up to. Two hidden cells
adding up to 2 would both be 1, so counting hidden cells is not enough; their sum is
what must be large. Lines cross tables: a school's arrests by race add up to the same
arrests cell the counts-by-type table shows, so both tables share that cell.

Rules, applied until no line changes (hiding a cell for one line can break another):

- a line whose total is shown hides none of its members or at least two, and those
  hidden members add up to at least the threshold;
- a line whose total is hidden hides at least one member (else the total is the sum
  of what is shown), and its hidden members add up to at least the threshold, or to
  the whole total when the total itself is smaller;
- zero is always shown: an exact zero discloses no one, and a reader may then take
  every hidden cell to be 1 or more.

Then an exact audit: no hidden cell may follow from the shown figures by combining
lines (``pinned_cells``); while one does, a cell next to it is hidden too.

Re-publishing (a *release* rule, ARCHITECTURE.md): between two sets of figures the
public can see, every cell differs by 0 or by at least the threshold. A count that an
earlier set showed and that has moved by less is hidden, and so is a line's group of
hidden cells whose combined change a reader could compute and that is below the
threshold (a few incidents isolated between two releases).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

Key = Hashable
# What the public functions take: Mapping is invariant in its key type, so
# Mapping[Hashable, int] would refuse a dict keyed by tuples; any dict key is hashable.
Counts = Mapping[Any, int]
Line = tuple[Sequence[Key], Key]

SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class EarlierFigures:
    """A set of figures the public has already seen: its counts and the cells it hid."""

    counts: Mapping[Key, int]
    hidden: Collection[Key]

    def shows(self, key: Key) -> bool:
        return key in self.counts and key not in self.hidden


def suppressed_cells(
    counts: Counts,
    lines: Iterable[Line],
    *,
    threshold: int,
    earlier: Sequence[EarlierFigures] = (),
) -> frozenset[Key]:
    """The cells to hide: primary (1 to threshold-1), moved too little since an earlier
    set of figures, and complementary ones, so that the module's rules hold.

    ``lines`` are (members, total) with sum(members) == total.
    """
    groups = [(tuple(members), total) for members, total in lines]
    for members, total in groups:
        if sum(counts[m] for m in members) != counts[total]:
            raise ValueError(f"The line {members!r} does not add up to {total!r}.")
    hidden = {key for key, value in counts.items() if 0 < value < threshold}
    hidden |= moved_too_little(counts, threshold=threshold, earlier=earlier)
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for index, (members, total) in enumerate(groups):
        for key in (*members, total):
            lines_of[key].append(index)
    while True:
        _apply_line_rules(counts, groups, hidden, threshold, earlier)
        pinned = pinned_cells(counts, groups, hidden)
        if not pinned:
            return frozenset(hidden)
        size = len(hidden)
        for key in [k for k in counts if k in pinned]:
            neighbour = _nearest_shown(counts, groups, lines_of, hidden, key)
            if neighbour is not None:
                hidden.add(neighbour)
        if len(hidden) == size:
            # Everything around the pinned cells is hidden: only lines that don't add up get here.
            raise ValueError(
                f"Hidden cells stay determined by the lines: {sorted(map(repr, pinned))}."
            )


def moved_too_little(
    counts: Counts, *, threshold: int, earlier: Sequence[EarlierFigures]
) -> set[Key]:
    """Counts an earlier set showed that have moved by 1 to threshold-1 since."""
    return {
        key
        for key, value in counts.items()
        if value > 0
        and any(e.shows(key) and 0 < abs(value - e.counts[key]) < threshold for e in earlier)
    }


def _apply_line_rules(
    counts: Mapping[Key, int],
    groups: Sequence[Line],
    hidden: set[Key],
    threshold: int,
    earlier: Sequence[EarlierFigures],
) -> None:
    changed = True
    while changed:
        changed = False
        for members, total in groups:
            for key in (
                _next_for_line(counts, members, total, hidden, threshold),
                *(_next_for_change(counts, members, total, hidden, threshold, e) for e in earlier),
            ):
                if key is not None and key not in hidden:
                    hidden.add(key)
                    changed = True


def _next_for_line(
    counts: Mapping[Key, int], members: Sequence[Key], total: Key, hidden: set[Key], threshold: int
) -> Key | None:
    """The next cell this line needs hidden, or None when it is fine."""
    hidden_members = [m for m in members if m in hidden]
    total_hidden = total in hidden
    if not hidden_members and not total_hidden:
        return None
    mass = sum(counts[m] for m in hidden_members)
    deficit = min(threshold, counts[total]) - mass
    if deficit <= 0 and len(hidden_members) >= (1 if total_hidden else 2):
        return None
    shown = sorted(
        (m for m in members if m not in hidden and counts[m] > 0), key=lambda m: counts[m]
    )
    if not shown:
        # Only the total is left to hide (a lone non-zero member): then no member follows from it.
        return None if total_hidden else total
    if deficit > 0:
        # The smallest cell that covers the deficit hides least; failing that, the largest gets closest.
        return next((m for m in shown if counts[m] >= deficit), shown[-1])
    return shown[0]


def _next_for_change(
    counts: Mapping[Key, int],
    members: Sequence[Key],
    total: Key,
    hidden: set[Key],
    threshold: int,
    e: EarlierFigures,
) -> Key | None:
    """The next cell to hide so that a line's hidden cells, whose combined change since
    ``e`` a reader computes from the two totals, moved by 0 or by at least the threshold."""
    if total in hidden or not e.shows(total) or counts[total] == 0:
        return None
    unseen = [m for m in members if m in hidden or not e.shows(m)]
    if not unseen:
        return None
    seen = [m for m in members if m not in unseen]
    change = (counts[total] - e.counts[total]) - sum(counts[m] - e.counts[m] for m in seen)
    if change == 0 or abs(change) >= threshold:
        return None
    movers = sorted(
        (m for m in seen if counts[m] > 0 and counts[m] != e.counts[m]),
        key=lambda m: abs(counts[m] - e.counts[m]),
    )
    return movers[0] if movers else total


def _nearest_shown(
    counts: Mapping[Key, int],
    groups: Sequence[Line],
    lines_of: Mapping[Key, list[int]],
    hidden: set[Key],
    key: Key,
) -> Key | None:
    """The smallest shown non-zero cell of the lines nearest ``key``: hiding it gives a pinned cell room."""
    seen_lines: set[int] = set()
    seen_cells = {key}
    frontier = deque([key])
    while frontier:
        cell = frontier.popleft()
        for index in lines_of[cell]:
            if index in seen_lines:
                continue
            seen_lines.add(index)
            members, total = groups[index]
            candidates = [k for k in (*members, total) if k not in hidden and counts[k] > 0]
            if candidates:
                return min(candidates, key=lambda k: counts[k])
            for other in (*members, total):
                if other not in seen_cells:
                    seen_cells.add(other)
                    frontier.append(other)
    return None


def pinned_cells(
    counts: Mapping[Key, int], lines: Iterable[Line], hidden: Collection[Key]
) -> set[Key]:
    """Hidden cells whose value a reader works out from the shown figures, the lines, and
    the rule that a hidden cell holds 1 or more. Exact over the rationals.

    Each line with hidden cells is an equation in them (hidden members minus a hidden
    total equal a known number). Bounds pin cells too: if lines combine into an
    equation with non-negative weights on cells that all hold 1 ("three hidden cells
    add up to 3"), each is 1. By Tucker's theorem a hidden cell at 1 can grow unless
    such an equation holds it, so: eliminate the other cells to get the equations among
    cells at 1, find with a small linear program the cells that some non-negative
    combination of them holds (``_stuck``), and then every hidden cell that the
    equations and those cells determine.
    """
    equations = []
    for members, total in lines:
        equation: dict[Key, int] = defaultdict(int)
        for m in members:
            if m in hidden:
                equation[m] += 1
        if total in hidden:
            equation[total] -= 1
        equations.append(equation)
    at_one = {k for k in hidden if counts[k] == 1}
    reduced = _eliminate(equations, last=at_one)
    stuck = _stuck([row for pivot, row in reduced.items() if pivot in at_one])
    determined = _eliminate([{k: 1} for k in stuck] + equations)
    return stuck | {pivot for pivot, row in determined.items() if len(row) == 1}


def _reduced(
    row: dict[Key, Fraction], pivots: Mapping[Key, Mapping[Key, Fraction]]
) -> dict[Key, Fraction]:
    """``row`` with every pivot it holds eliminated by that pivot's row (in place)."""
    for p in [k for k in row if k in pivots]:
        factor = row.get(p)
        if factor:
            for k, v in pivots[p].items():
                value = row.get(k, 0) - factor * v
                if value:
                    row[k] = value
                else:
                    row.pop(k, None)
    return row


def _eliminate(
    equations: Iterable[Mapping[Key, int]], last: Collection[Key] = ()
) -> dict[Key, dict[Key, Fraction]]:
    """Reduced row echelon form of the equations, by pivot: exact, sparse Gauss-Jordan.

    Pivots are taken outside ``last`` while a row allows it, so the rows pivoted in
    ``last`` hold only cells of ``last``: they span the equations among those cells alone.
    """
    pivots: dict[Key, dict[Key, Fraction]] = {}
    rows_with: dict[Key, set[Key]] = defaultdict(set)  # free column -> pivots whose rows hold it
    for equation in equations:
        row = _reduced({k: Fraction(v) for k, v in equation.items() if v}, pivots)
        if not row:
            continue
        pivot = next((k for k in row if k not in last), next(iter(row)))
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for q in rows_with.pop(pivot, set()):
            other = pivots[q]
            factor = other[pivot]
            for k, v in row.items():
                value = other.get(k, 0) - factor * v
                if value:
                    other[k] = value
                    rows_with[k].add(q)
                else:
                    other.pop(k, None)
                    if k != pivot:
                        rows_with[k].discard(q)
        pivots[pivot] = row
        for k in row:
            if k != pivot:
                rows_with[k].add(pivot)
    return pivots


def _stuck(rows: Sequence[Mapping[Key, Fraction]]) -> set[Key]:
    """The cells some combination of ``rows`` with non-negative result holds: the largest
    support of {w = sum(y_r * row_r) : w >= 0}. Linear program: maximise sum(t) with
    0 <= t_j <= min(1, w_j); the cone is closed under addition, so at the optimum t_j = 1
    exactly on that support."""
    cells = list(dict.fromkeys(k for row in rows for k in row))
    if not cells:
        return set()
    k, n = len(rows), len(cells)
    constraints: list[list[Fraction]] = []
    bounds: list[Fraction] = []
    for j, cell in enumerate(cells):
        # t_j - sum(y_r * row_r[cell]) <= 0, then t_j <= 1. Variables: y (k), then t (n).
        constraints.append(
            [-row.get(cell, Fraction(0)) for row in rows] + [Fraction(i == j) for i in range(n)]
        )
        bounds.append(Fraction(0))
        constraints.append([Fraction(0)] * k + [Fraction(i == j) for i in range(n)])
        bounds.append(Fraction(1))
    solution = _simplex_max([Fraction(0)] * k + [Fraction(1)] * n, constraints, bounds)
    return {cell for j, cell in enumerate(cells) if solution[k + j] == 1}


def _simplex_max(
    objective: list[Fraction], constraints: list[list[Fraction]], bounds: list[Fraction]
) -> list[Fraction]:
    """Maximise objective . x subject to constraints . x <= bounds and x >= 0, where every
    bound is >= 0 (the origin is feasible) and the optimum is bounded. Exact tableau
    simplex with Bland's rule, which cannot cycle."""
    m, n = len(constraints), len(objective)
    tableau = [
        [*row, *(Fraction(i == j) for j in range(m)), bound]
        for i, (row, bound) in enumerate(zip(constraints, bounds, strict=True))
    ]
    reduced_costs = [-c for c in objective] + [Fraction(0)] * m
    basis = list(range(n, n + m))
    while True:
        entering = next((j for j, cost in enumerate(reduced_costs) if cost < 0), None)
        if entering is None:
            break
        # Bland: the smallest ratio, ties to the smallest basic variable.
        ratios = [
            (row[-1] / row[entering], basis[i], i)
            for i, row in enumerate(tableau)
            if row[entering] > 0
        ]
        if not ratios:
            raise ValueError("The linear program is unbounded.")
        leaving = min(ratios)[2]
        pivot_row = tableau[leaving]
        scale = pivot_row[entering]
        pivot_row[:] = [v / scale for v in pivot_row]
        for i, row in enumerate(tableau):
            if i != leaving and row[entering]:
                factor = row[entering]
                row[:] = [v - factor * p for v, p in zip(row, pivot_row, strict=True)]
        factor = reduced_costs[entering]
        reduced_costs = [c - factor * p for c, p in zip(reduced_costs, pivot_row[:-1], strict=True)]
        basis[leaving] = entering
    solution = [Fraction(0)] * (n + m)
    for i, j in enumerate(basis):
        solution[j] = tableau[i][-1]
    return solution[:n]


def display(value: int, *, hidden: bool) -> str:
    """Every hidden cell reads the same: labelling the small ones "<N" would mislabel the
    larger ones hidden beside them, and labelling those differently would tell them apart."""
    return SUPPRESSED if hidden else str(value)
