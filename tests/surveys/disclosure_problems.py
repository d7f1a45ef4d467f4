"""Disclosure problems for the solver's tests: a published table, and the answers as dicts."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from surveys.disclosure import Problem, pinned, solve_ranges

Cell = tuple[int, int]
Bound = tuple[int, int | None]


def table_problem(
    values: list[list[int]],
    hidden: set[Cell],
    bounds: Mapping[Cell, Bound] | None = None,
    *,
    row_sum_targets: bool = False,
) -> Problem:
    """A table of counts with every row and column total published, the cells not in
    ``hidden`` published too, and one target per hidden cell (plus, optionally, one per
    row for the sum of its hidden cells when it has two or more)."""
    bounds = bounds or {}
    problem = Problem()
    rows, cols = len(values), len(values[0])
    for r in range(rows):
        for c in range(cols):
            low, high = bounds.get((r, c), (0, None))
            problem.add_variable((r, c), low, high)
            if (r, c) not in hidden:
                problem.add_constraint({(r, c): 1}, values[r][c], values[r][c], f"cell {r},{c}")
    for r in range(rows):
        total = sum(values[r])
        problem.add_constraint({(r, c): 1 for c in range(cols)}, total, total, f"row {r} total")
    for c in range(cols):
        total = sum(values[r][c] for r in range(rows))
        problem.add_constraint({(r, c): 1 for r in range(rows)}, total, total, f"column {c} total")
    for cell in sorted(hidden):
        problem.add_target(("cell", *cell), {cell: 1}, f"hidden cell {cell}")
    if row_sum_targets:
        for r in range(rows):
            cells = [cell for cell in sorted(hidden) if cell[0] == r]
            if len(cells) >= 2:
                problem.add_target(("row", r), dict.fromkeys(cells, 1), f"hidden cells of row {r}")
    return problem


def pins(problem: Problem) -> dict[Hashable, int]:
    """``pinned`` as ``{target name: value}``, checking each is a one-value range."""
    result = {}
    for found in pinned(problem):
        assert found.low == found.high
        result[found.target.name] = found.low
    return result


def ranges(problem: Problem) -> dict[Hashable, tuple[int | None, int | None]]:
    return {r.target.name: (r.low, r.high) for r in solve_ranges(problem)}
