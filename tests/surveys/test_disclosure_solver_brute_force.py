"""The disclosure solver agrees with brute-force enumeration on generated problems.

Property tests over the pure solver (no database): tiny tables and tiny general integer
systems, solved exactly and enumerated, with the solver's shortcuts switched off too.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Hashable, Iterator, Mapping
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from surveys.disclosure import InfeasibleError, Problem, component, pinned, solve_ranges
from tests.surveys.disclosure_problems import Bound, Cell, pins, ranges, table_problem

Figure = tuple[dict[int, int], int | None, int | None]


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[int]], set[Cell], dict[Cell, Bound]]:
    """Tiny tables (up to 3x3, counts 0-6) with a random subset of cells hidden; each
    hidden cell gets bounds the true count satisfies: floor 0 or 1, ceiling none, 6, or
    a small-cell ceiling of max(count, 2)."""
    rows = draw(st.integers(1, 3))
    cols = draw(st.integers(1, 3))
    values = [[draw(st.integers(0, 6)) for _ in range(cols)] for _ in range(rows)]
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    hidden = draw(st.sets(st.sampled_from(cells)))
    bounds: dict[Cell, Bound] = {}
    for r, c in sorted(hidden):
        value = values[r][c]
        low = draw(st.sampled_from(sorted({0, min(value, 1)})))
        high = draw(st.sampled_from([None, 6, max(value, 2)]))
        bounds[(r, c)] = (low, high)
    return values, hidden, bounds


def brute_force(
    values: list[list[int]], hidden: set[Cell], bounds: Mapping[Cell, Bound]
) -> dict[Hashable, set[int]]:
    """Every value each target takes over all integer fillings of the hidden cells that
    reproduce the published totals: a depth-first walk over the hidden cells that keeps
    what each row and column still has to absorb."""
    rows, cols = len(values), len(values[0])
    order = sorted(hidden)
    row_left = [sum(values[r][c] for c in range(cols) if (r, c) in hidden) for r in range(rows)]
    col_left = [sum(values[r][c] for r in range(rows) if (r, c) in hidden) for c in range(cols)]
    last_in_row = {max(cell for cell in order if cell[0] == r) for r in {r for r, _ in order}}
    seen: dict[Hashable, set[int]] = {("cell", *cell): set() for cell in order}
    for r in range(rows):
        if sum(1 for cell in order if cell[0] == r) >= 2:
            seen[("row", r)] = set()
    filling: dict[Cell, int] = {}

    def walk(k: int) -> None:
        if k == len(order):
            if any(col_left):
                return
            for cell, value in filling.items():
                seen[("cell", *cell)].add(value)
            for r in range(rows):
                if ("row", r) in seen:
                    seen[("row", r)].add(sum(v for (rr, _), v in filling.items() if rr == r))
            return
        r, c = order[k]
        low, high = bounds[(r, c)]
        top = min(row_left[r], col_left[c], high if high is not None else row_left[r])
        choices = [row_left[r]] if (r, c) in last_in_row else range(low, top + 1)
        for value in choices:
            if not low <= value <= top:
                continue
            filling[(r, c)] = value
            row_left[r] -= value
            col_left[c] -= value
            walk(k + 1)
            row_left[r] += value
            col_left[c] += value
        filling.pop((r, c), None)

    walk(0)
    return seen


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(tables())
def test_pins_and_ranges_match_brute_force(table):
    values, hidden, bounds = table
    problem = table_problem(values, hidden, bounds, row_sum_targets=True)
    truth = brute_force(values, hidden, bounds)

    assert all(truth.values())  # the true table is always one solution
    expected_pins = {name: min(v) for name, v in truth.items() if len(v) == 1}
    assert pins(problem) == expected_pins
    assert ranges(problem) == {name: (min(v), max(v)) for name, v in truth.items()}
    # Random objectives usually settle every unpinned cell of a table on their own; with
    # none, every target goes through the two feasibility checks, which must agree.
    with mock.patch.object(component, "_RANDOM_ROUNDS", 0):
        assert pins(problem) == expected_pins


@st.composite
def systems(
    draw: st.DrawFn,
) -> tuple[list[Bound], set[int], list[Figure], list[dict[int, int]]]:
    """Tiny general integer systems (not tables, so integrality genuinely matters):
    up to 4 variables with small boxes, up to 3 constraints with coefficients -2..2 whose
    bounds are usually built around a hidden true point (feasible) and sometimes drawn
    freely (possibly contradictory), and targets on each variable plus random sums.
    Variables in the returned set have their ceiling published as a figure instead of
    declared as a bound."""
    size = draw(st.integers(1, 4))
    boxes = []
    for _ in range(size):
        low = draw(st.integers(0, 2))
        boxes.append((low, low + draw(st.integers(0, 3))))
    truth = [draw(st.integers(low, high)) for low, high in boxes]
    coefficient = st.integers(-2, 2)
    constraints = []
    # Some ceilings are published figures rather than declared bounds, so the solver
    # sees a variable with no upper bound (the brute force still enumerates the box).
    uncapped = draw(st.sets(st.sampled_from(range(size))))
    for j in sorted(uncapped):
        constraints.append(({j: 1}, None, boxes[j][1]))
    for _ in range(draw(st.integers(0, 3))):
        terms = {j: draw(coefficient) for j in range(size)}
        if draw(st.booleans()) or draw(st.booleans()):
            activity = sum(c * truth[j] for j, c in terms.items())
            low = activity - draw(st.integers(0, 2))
            high = activity + draw(st.integers(0, 2))
        else:
            low = draw(st.integers(-4, 6))
            high = low + draw(st.integers(0, 2))
        shape = draw(st.sampled_from(["both", "equal", "at least", "at most"]))
        if shape == "equal":
            high = low
        constraints.append(
            (terms, None if shape == "at most" else low, None if shape == "at least" else high)
        )
    targets = [{j: 1} for j in range(size)]
    for _ in range(draw(st.integers(0, 2))):
        terms = {j: draw(coefficient) for j in range(size)}
        if any(terms.values()):
            targets.append(terms)
    return boxes, uncapped, constraints, targets


def solutions(boxes: list[Bound], constraints: list[Figure]) -> Iterator[tuple[int, ...]]:
    """Every integer point of the boxes that satisfies the constraints."""
    for point in itertools.product(*(range(low, high + 1) for low, high in boxes)):
        activities = [sum(c * point[j] for j, c in terms.items()) for terms, _, _ in constraints]
        if all(
            (low is None or low <= activity) and (high is None or activity <= high)
            for activity, (_, low, high) in zip(activities, constraints, strict=True)
        ):
            yield point


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(systems())
def test_general_systems_match_brute_force(system):
    boxes, uncapped, constraints, targets = system
    problem = Problem()
    for j, (low, high) in enumerate(boxes):
        problem.add_variable(j, low, None if j in uncapped else high)
    for k, (terms, low, high) in enumerate(constraints):
        problem.add_constraint(terms, low, high, f"figure {k}")
    for k, terms in enumerate(targets):
        problem.add_target(k, terms, f"target {k}")

    seen: dict[int, set[int]] = {k: set() for k in range(len(targets))}
    for point in solutions(boxes, constraints):
        for k, terms in enumerate(targets):
            seen[k].add(sum(c * point[j] for j, c in terms.items()))

    # The solver normally infers finite ceilings from the figures before solving; without
    # that, the unbounded path (capped sampling, recession test) must agree too.
    declared_only = mock.patch.object(
        component, "implied_highs", lambda variables, constraints: [v.high for v in variables]
    )
    event("contradictory" if not seen[0] else "consistent")
    if not seen[0]:  # no integer point at all: the figures contradict each other
        for patch in (contextlib.nullcontext(), declared_only):
            with patch, pytest.raises(InfeasibleError) as raised:
                pinned(problem)
            with patch, pytest.raises(InfeasibleError):
                solve_ranges(problem)
        # The figures named really do contradict each other on their own...
        named = [constraints[int(why.removeprefix("figure "))] for why in raised.value.whys]
        assert not any(solutions(boxes, named))
        # ...and, when every ceiling is declared, none of them can be left out.
        if not uncapped:
            for k in range(len(named)):
                assert any(solutions(boxes, named[:k] + named[k + 1 :]))
        return
    expected_pins = {k: min(v) for k, v in seen.items() if len(v) == 1}
    expected_ranges = {k: (min(v), max(v)) for k, v in seen.items()}
    assert pins(problem) == expected_pins
    assert ranges(problem) == expected_ranges
    with declared_only:
        assert pins(problem) == expected_pins
        assert ranges(problem) == expected_ranges
