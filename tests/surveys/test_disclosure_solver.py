"""The disclosure solver proves which hidden counts the published figures pin.

Plain tests over the pure solver (no database): the textbook attacks, the near misses that
must not be flagged, and contradictions. The property tests against brute-force
enumeration are in ``test_disclosure_solver_brute_force.py``.
"""

from __future__ import annotations

import pytest

from surveys.disclosure import InfeasibleError, Problem, Range, Target, pinned, solve_ranges
from tests.surveys.disclosure_problems import pins, ranges, table_problem


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
