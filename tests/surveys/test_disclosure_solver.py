"""The disclosure solver proves which hidden counts the published figures pin.

Plain tests over the pure solver (no database): the textbook attacks, the near misses that
must not be flagged, contradictions, and a property test against brute-force enumeration.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Hashable, Iterator, Mapping
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from surveys.disclosure import (
    InfeasibleError,
    Problem,
    Range,
    Target,
    pinned,
    solve_ranges,
    solver,
)

Cell = tuple[int, int]
Bound = tuple[int, int | None]
Figure = tuple[dict[int, int], int | None, int | None]


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


def test_crossing_attack_pins_the_rest_of_a_2x2_table():
    # a=3 b=1 / c=2 d=4: both margins and cell a published pins b, c and d.
    problem = table_problem([[3, 1], [2, 4]], hidden={(0, 1), (1, 0), (1, 1)})

    assert pins(problem) == {("cell", 0, 1): 1, ("cell", 1, 0): 2, ("cell", 1, 1): 4}
    assert all(r.is_pinned for r in solve_ranges(problem))


def test_same_table_with_no_cell_published_pins_nothing():
    problem = table_problem([[3, 1], [2, 4]], hidden={(0, 0), (0, 1), (1, 0), (1, 1)})

    assert pins(problem) == {}
    assert ranges(problem)[("cell", 0, 1)] == (0, 4)


def test_hidden_cell_that_is_only_bounded_is_not_pinned():
    # Every cell hidden, all margins 4: each cell can be anything from 0 to 4.
    problem = table_problem([[2, 2], [2, 2]], hidden={(0, 0), (0, 1), (1, 0), (1, 1)})

    assert pins(problem) == {}
    assert set(ranges(problem).values()) == {(0, 4)}


def test_margin_of_two_small_cells_summing_to_two_pins_both_at_one():
    # Suppressed cells are known to be at least 1; two of them totalling 2 are both 1.
    problem = Problem()
    problem.add_variable("x", low=1, high=2)
    problem.add_variable("y", low=1, high=2)
    problem.add_constraint({"x": 1, "y": 1}, 2, 2, "margin of x and y")
    problem.add_target("x", {"x": 1}, "suppressed x")
    problem.add_target("y", {"y": 1}, "suppressed y")

    assert pins(problem) == {"x": 1, "y": 1}


def test_suppressed_cell_with_no_margins_is_not_pinned():
    # Suppression with k=3: the reader knows 1 <= x <= k-1 = 2 and nothing else.
    problem = Problem()
    problem.add_variable("x", low=1, high=2)
    problem.add_target("x", {"x": 1}, "suppressed x")

    assert pins(problem) == {}
    assert ranges(problem) == {"x": (1, 2)}


def test_equality_that_fixes_a_sum_pins_the_sum_not_the_parts():
    problem = Problem()
    problem.add_variable("x")
    problem.add_variable("y")
    problem.add_constraint({"x": 1, "y": 1}, 5, 5, "x and y together")
    problem.add_target("x", {"x": 1}, "x")
    problem.add_target("y", {"y": 1}, "y")
    problem.add_target("x+y", {"x": 1, "y": 1}, "x and y")

    assert pins(problem) == {"x+y": 5}
    assert ranges(problem) == {"x": (0, 5), "y": (0, 5), "x+y": (5, 5)}


def test_integrality_pins_what_fractions_would_not():
    # Over the reals x + y = 1 with 2x >= 1 leaves x anywhere in [1/2, 1]; over whole
    # counts it is 1.  The reader knows counts are whole, so this is a disclosure.
    problem = Problem()
    problem.add_variable("x")
    problem.add_variable("y")
    problem.add_constraint({"x": 1, "y": 1}, 1, 1, "total")
    problem.add_constraint({"x": 2}, 1, None, "twice x at least 1")
    problem.add_target("x", {"x": 1}, "x")

    assert pins(problem) == {"x": 1}


def test_unbounded_targets_report_open_ends():
    problem = Problem()
    problem.add_variable("x")
    problem.add_variable("y")
    problem.add_constraint({"x": 1, "y": -1}, None, 3, "x exceeds y by at most 3")
    problem.add_target("x", {"x": 1}, "x")
    problem.add_target("x-y", {"x": 1, "y": -1}, "difference")

    assert ranges(problem) == {"x": (0, None), "x-y": (None, 3)}
    assert pins(problem) == {}


def test_contradicting_figures_raise_naming_them():
    problem = Problem()
    for name in ("x", "y", "z"):
        problem.add_variable(name)
    problem.add_constraint({"x": 1, "y": 1}, 3, 3, "row total 3")
    problem.add_constraint({"x": 1}, 2, 2, "cell x shown as 2")
    problem.add_constraint({"y": 1}, 2, 2, "cell y shown as 2")
    problem.add_constraint({"x": 1, "z": 1}, 10, 10, "column total 10")

    with pytest.raises(InfeasibleError, match="row total 3") as raised:
        pinned(problem)  # no targets at all: contradictions are still reported

    assert set(raised.value.whys) == {"row total 3", "cell x shown as 2", "cell y shown as 2"}
    assert "column total 10" in raised.value.component_whys
    with pytest.raises(InfeasibleError):
        solve_ranges(problem)


def test_contradiction_names_every_figure_it_needs():
    # The total alone bounds x by 3; the solver may use that bound internally, but the
    # report must still name the total, since "x at least 5" alone is satisfiable.
    problem = Problem()
    problem.add_variable("x")
    problem.add_variable("y")
    problem.add_constraint({"x": 1, "y": 1}, 3, 3, "total 3")
    problem.add_constraint({"x": 1}, 5, None, "x at least 5")
    problem.add_target("y", {"y": 1}, "y")

    for solve in (pinned, solve_ranges):
        with pytest.raises(InfeasibleError) as raised:
            solve(problem)
        assert set(raised.value.whys) == {"total 3", "x at least 5"}


def test_contradiction_through_bounds_and_integrality():
    problem = Problem()
    problem.add_variable("x", low=1, high=2)
    problem.add_variable("y", low=1, high=2)
    problem.add_constraint({"x": 2, "y": 2}, 5, 5, "twice the pair is 5")
    problem.add_target("x", {"x": 1}, "x")

    with pytest.raises(InfeasibleError, match="twice the pair is 5"):
        pinned(problem)


def test_figure_over_no_counts_must_be_zero():
    problem = Problem()
    problem.add_constraint({}, 0, 0, "empty group total 0")
    assert pinned(problem) == []
    problem.add_constraint({}, 1, 1, "empty group total 1")
    with pytest.raises(InfeasibleError, match="empty group total 1"):
        pinned(problem)


def test_many_independent_tables_are_solved_separately():
    # 40 copies of the 2x2 table; every other one publishes cell a (the attack).
    problem = Problem()
    expected = {}
    for k in range(40):
        cells = {"a": 3, "b": 1, "c": 2, "d": 4}
        for name in cells:
            problem.add_variable((k, name))
        for why, pair in {"row 1": "ab", "row 2": "cd", "col 1": "ac", "col 2": "bd"}.items():
            total = sum(cells[n] for n in pair)
            problem.add_constraint({(k, n): 1 for n in pair}, total, total, f"table {k} {why}")
        if k % 2 == 0:
            problem.add_constraint({(k, "a"): 1}, 3, 3, f"table {k} cell a")
        for name in "bcd":
            problem.add_target((k, name), {(k, name): 1}, f"table {k} cell {name}")
            if k % 2 == 0:
                expected[(k, name)] = cells[name]

    assert pins(problem) == expected
    assert pins(problem) == expected  # deterministic: same answer every time


def test_targets_can_be_given_ad_hoc():
    problem = table_problem([[3, 1], [2, 4]], hidden={(0, 1), (1, 0), (1, 1)})
    extra = Target("b+c", {(0, 1): 1, (1, 0): 1}, "b and c together")

    assert solve_ranges(problem, targets=[extra]) == [Range(extra, 3, 3)]
    assert pinned(problem, targets=[extra]) == [Range(extra, 3, 3)]


def test_builder_refuses_what_would_hide_mistakes():
    problem = Problem()
    problem.add_variable("x", 0, 5)
    assert problem.add_variable("x", 0, 5) == problem.variables["x"]  # same bounds: no-op
    with pytest.raises(ValueError, match="already declared"):
        problem.add_variable("x", 1, 5)
    with pytest.raises(ValueError, match="undeclared"):
        problem.add_constraint({"x": 1, "typo": 1}, 0, 3, "misspelt")
    with pytest.raises(TypeError, match="integer"):
        problem.add_constraint({"x": 0.5}, 0, 3, "fractional coefficient")
    with pytest.raises(ValueError, match="low 3 above high 2"):
        problem.add_constraint({"x": 1}, 3, 2, "swapped")
    with pytest.raises(ValueError, match="neither"):
        problem.add_constraint({"x": 1}, None, None, "vacuous")
    problem.add_target("t", {"x": 1}, "x")
    with pytest.raises(ValueError, match="already declared differently"):
        problem.add_target("t", {"x": 2}, "twice x")


# -- property test against brute force ------------------------------------------------


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
    with mock.patch.object(solver, "_RANDOM_ROUNDS", 0):
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
        solver, "_implied_highs", lambda variables, constraints: [v.high for v in variables]
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
