"""Tests written for the mutants of ``activity/suppression.py`` that survived the
mutation run (mutation/activity_suppression.toml); each was seen to fail with its
mutant applied."""

from __future__ import annotations

from activity.suppression import EarlierFigures, suppressed_cells


def test_a_count_that_fell_to_zero_is_still_shown_when_a_republished_line_needs_a_cell_hidden() -> (
    None
):
    """Between two releases a school's line moved: d fell from 10 to 0, c rose by 18,
    the total by 10, so a reader computes that the hidden a and b together moved by 2.
    One more cell must be hidden to cover that, and it is c, not d: zero is always
    shown (it discloses no one, and readers take every hidden cell to be 1 or more)."""
    before = EarlierFigures({"a": 3, "b": 12, "c": 40, "d": 10, "t": 65}, hidden={"a", "b"})
    now = {"a": 4, "b": 13, "c": 58, "d": 0, "t": 75}

    hidden = suppressed_cells(now, [(["a", "b", "d", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "b", "c"}


def test_hidden_cells_adding_up_to_exactly_the_threshold_need_no_third_cell_hidden() -> None:
    """4 and 6 arrests are hidden and add up to 10, the threshold: a reader knows only
    that they add up to 10, so the 30 beside them stays shown."""
    hidden = suppressed_cells(
        {"a": 4, "b": 6, "c": 30, "t": 40}, [(["a", "b", "c"], "t")], threshold=10
    )

    assert hidden == {"a", "b"}


def test_the_line_rules_are_applied_until_no_line_changes_not_in_one_sweep() -> None:
    """Three schools' counts in two columns, with row and column totals. Hiding cells
    for one line breaks another already looked at; settling every line before the
    exact audit hides what the rules need and no more: the first row's total, which
    no hidden cell depends on, stays shown."""
    rows = {"r0": [12, 12], "r1": [0, 15], "r2": [1, 8]}
    counts, lines = {}, []
    for name, values in rows.items():
        counts.update({(name, col): value for col, value in enumerate(values)})
        counts[(name, "total")] = sum(values)
        lines.append(([(name, 0), (name, 1)], (name, "total")))
    for col in (0, 1, "total"):
        counts[("all", col)] = sum(counts[(name, col)] for name in rows)
        lines.append(([(name, col) for name in rows], ("all", col)))
    lines.append(([("all", 0), ("all", 1)], ("all", "total")))

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert hidden == {
        ("r0", 0),
        ("r0", 1),
        ("r1", 1),
        ("r1", "total"),
        ("r2", 0),
        ("r2", 1),
        ("r2", "total"),
    }


def test_a_count_that_fell_to_zero_after_the_threshold_was_raised_is_shown_as_zero() -> None:
    """The last release, at a threshold of 5, showed 6 complaints at a school; there are
    none now, and the district has raised the threshold to 10. The total moved by 6
    and is hidden with the cell beside it, but the zero is shown: it discloses no one."""
    before = EarlierFigures({"a": 6, "b": 20, "t": 26}, hidden=set())

    hidden = suppressed_cells(
        {"a": 0, "b": 20, "t": 20}, [(["a", "b"], "t")], threshold=10, earlier=[before]
    )

    assert hidden == {"b", "t"}


def test_hidden_cells_whose_combined_change_is_exactly_the_threshold_need_nothing_more() -> None:
    """a and b were hidden and still are; together they moved by exactly 10, which
    isolates no one: neither the unmoved c nor the total is hidden for it."""
    before = EarlierFigures({"a": 3, "b": 12, "c": 40, "t": 55}, hidden={"a", "b"})
    now = {"a": 8, "b": 17, "c": 40, "t": 65}

    hidden = suppressed_cells(now, [(["a", "b", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "b"}


def test_a_cell_that_did_not_move_is_not_hidden_to_cover_a_small_change() -> None:
    """a and b together moved by 2 between two releases; c moved by 10 and is hidden to
    cover it. d did not move: hiding it would cover nothing, so it stays shown."""
    before = EarlierFigures({"a": 3, "b": 12, "d": 20, "c": 40, "t": 75}, hidden={"a", "b"})
    now = {"a": 4, "b": 13, "d": 20, "c": 50, "t": 87}

    hidden = suppressed_cells(now, [(["a", "b", "d", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "b", "c"}


def test_a_line_whose_total_the_earlier_release_hid_gives_no_change_to_cover() -> None:
    """The earlier release hid the line's total, so a reader cannot subtract two totals
    to learn how much the hidden a and b moved: c, which moved by 10, stays shown."""
    before = EarlierFigures({"a": 3, "b": 12, "c": 40, "t": 55}, hidden={"a", "b", "t"})
    now = {"a": 4, "b": 13, "c": 50, "t": 67}

    hidden = suppressed_cells(now, [(["a", "b", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "b"}


def test_the_cell_hidden_beside_a_total_is_the_smallest_that_covers_the_threshold() -> None:
    """The total moved by 5 since the last release, so it is hidden, and one of its
    members must be hidden with it. a holds exactly the threshold, 10: hiding it covers
    the total, and the larger 25 and 30 stay shown."""
    before = EarlierFigures({"a": 10, "b": 20, "c": 40, "t": 70}, hidden=set())
    now = {"a": 10, "b": 30, "c": 25, "t": 65}

    hidden = suppressed_cells(now, [(["a", "b", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "t"}
