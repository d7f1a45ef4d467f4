"""The one suppression function: primary and complementary suppression, the exact
audit for pinned cells, and the release rule between two sets of figures."""

from __future__ import annotations

import pytest

from activity.suppression import EarlierFigures, pinned_cells, suppressed_cells


def _grid(rows: dict[str, list[int]]):
    """Counts and lines for a table with row totals, column totals and a grand total."""
    counts, lines = {}, []
    width = len(next(iter(rows.values())))
    for name, values in rows.items():
        for col, value in enumerate(values):
            counts[(name, col)] = value
        counts[(name, "total")] = sum(values)
        lines.append(([(name, c) for c in range(width)], (name, "total")))
    for col in [*range(width), "total"]:
        counts[("all", col)] = sum(counts[(name, col)] for name in rows)
        lines.append(([(name, col) for name in rows], ("all", col)))
    lines.append(([("all", c) for c in range(width)], ("all", "total")))
    return counts, lines


def _recoverable(counts, lines, hidden) -> list:
    """Cells a reader could compute: the only hidden cell of a line."""
    found = []
    for members, total in lines:
        line_hidden = [k for k in [*members, total] if k in hidden]
        if len(line_hidden) == 1:
            found.append(line_hidden[0])
    return found


def line_faults(counts, lines, hidden, threshold: int) -> list:
    """Lines breaking the rule: hidden members add up to the threshold (or to all of a
    smaller total), at least two of them when the total is shown, one when it isn't."""
    faults = []
    for members, total in lines:
        hidden_members = [m for m in members if m in hidden]
        if not hidden_members and total not in hidden:
            continue
        mass = sum(counts[m] for m in hidden_members)
        if mass < min(threshold, counts[total]) or len(hidden_members) < (
            1 if total in hidden else 2
        ):
            faults.append((members, total, mass))
    return faults


def test_counts_below_the_threshold_are_hidden_and_zero_is_shown() -> None:
    hidden = suppressed_cells({"a": 9, "b": 10, "c": 0, "d": 1}, [], threshold=10)

    assert hidden == {"a", "d"}


def test_a_lone_hidden_cell_in_a_row_hides_the_next_smallest_too() -> None:
    counts, lines = _grid({"north": [4, 30, 25], "south": [40, 50, 60]})

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert ("north", 0) in hidden
    assert ("north", 2) in hidden  # 25 is the row's next-smallest
    # column 0 and column 2 then have one hidden cell each: south's cells there go too
    assert {("south", 0), ("south", 2)} <= hidden
    assert _recoverable(counts, lines, hidden) == []
    assert ("south", 1) not in hidden


def test_no_hidden_cell_can_be_recovered_from_totals_in_a_bigger_table() -> None:
    counts, lines = _grid(
        {
            "a": [3, 12, 40, 0, 7],
            "b": [15, 2, 33, 11, 19],
            "c": [22, 18, 1, 9, 30],
            "d": [50, 44, 38, 27, 61],
        }
    )

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert {("a", 0), ("a", 4), ("b", 1), ("c", 2), ("c", 3)} <= hidden
    assert _recoverable(counts, lines, hidden) == []


def test_a_small_total_with_shown_members_hides_a_member() -> None:
    hidden = suppressed_cells(
        {"x": 0, "y": 0, "t": 0, "u": 5, "v": 0, "w": 5}, [(["u", "v"], "w")], threshold=10
    )

    assert hidden == {"u", "w"}


def test_two_small_hidden_cells_of_a_line_hide_a_third_so_they_add_up_to_the_threshold() -> None:
    """One Black and one Hispanic student of 12: hiding only those two would tell anyone
    who subtracts the 10 White students from the 12 that they add up to 2, so both are 1."""
    counts = {"black": 1, "hispanic": 1, "white": 10, "total": 12}

    hidden = suppressed_cells(counts, [(["black", "hispanic", "white"], "total")], threshold=10)

    assert hidden == {"black", "hispanic", "white"}


def test_the_smallest_cell_that_covers_what_a_line_lacks_is_hidden() -> None:
    counts = {"a": 3, "b": 5, "c": 8, "d": 40, "total": 56}

    hidden = suppressed_cells(counts, [(["a", "b", "c", "d"], "total")], threshold=10)

    assert hidden == {"a", "b", "c"}  # 3 + 5 + 8 = 16, without hiding the 40


def test_a_small_total_hides_all_of_its_line() -> None:
    counts = {"a": 3, "b": 4, "c": 0, "total": 7}

    hidden = suppressed_cells(counts, [(["a", "b", "c"], "total")], threshold=10)

    assert hidden == {"a", "b", "total"}


def test_zero_is_never_hidden_even_when_a_line_needs_a_second_cell() -> None:
    """School x's 15 is hidden to protect y's 5 in their column; its row has only zeros
    beside it, so the row's total is hidden rather than a zero (a hidden zero in a line
    adding up to zero would be pinned, and a reader may take hidden cells to be >= 1)."""
    counts = {"x": 15, "y": 5, "column": 20, "z1": 0, "z2": 0, "row": 15}
    lines = [(["x", "y"], "column"), (["x", "z1", "z2"], "row")]

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert hidden == {"x", "y", "row"}
    assert line_faults(counts, lines, hidden, 10) == []


def test_hiding_a_cell_for_one_line_is_repaired_in_every_line_it_breaks() -> None:
    counts, lines = _grid(
        {
            "a": [1, 1, 10, 0],
            "b": [20, 15, 15, 3],
            "c": [0, 2, 30, 12],
            "d": [11, 0, 9, 40],
        }
    )

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert line_faults(counts, lines, hidden, 10) == []
    assert pinned_cells(counts, lines, hidden) == set()
    assert not any(counts[key] == 0 for key in hidden)


def test_the_audit_finds_a_cell_that_lines_determine_together() -> None:
    """Each line hides two cells adding to 10 or more, yet a+b=10, a+c=12, b+c=14 give a=4."""
    counts = {"a": 4, "b": 6, "c": 8, "x": 20, "y": 20, "z": 20, "abx": 30, "acy": 32, "bcz": 34}
    lines = [(["a", "b", "x"], "abx"), (["a", "c", "y"], "acy"), (["b", "c", "z"], "bcz")]

    assert line_faults(counts, lines, {"a", "b", "c"}, 10) == []
    assert pinned_cells(counts, lines, {"a", "b", "c"}) == {"a", "b", "c"}
    hidden = suppressed_cells(counts, lines, threshold=10)
    assert pinned_cells(counts, lines, hidden) == set()
    assert {"a", "b", "c"} <= hidden


def test_the_audit_finds_cells_held_at_one_by_a_chain_of_lines() -> None:
    """x+y=7, y+z=11, a+z=6 with every cell at least 1: z <= 5, so y >= 6, so x = 1 and
    then y = 6, z = 5, a = 1. No single line gives it away."""
    counts = {"x": 1, "y": 6, "z": 5, "a": 1, "r1": 7, "c": 11, "s": 23, "r2": 29}
    lines = [(["x", "y"], "r1"), (["y", "z"], "c"), (["a", "z", "s"], "r2")]

    assert pinned_cells(counts, lines, {"x", "y", "z", "a"}) == {"x", "y", "z", "a"}
    hidden = suppressed_cells(counts, lines, threshold=5)
    assert pinned_cells(counts, lines, hidden) == set()


def test_a_hidden_rectangle_with_its_totals_shown_is_not_pinned() -> None:
    counts, lines = _grid({"north": [4, 30], "south": [40, 50]})

    assert (
        pinned_cells(counts, lines, {("north", 0), ("north", 1), ("south", 0), ("south", 1)})
        == set()
    )


def test_lines_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError, match="does not add up"):
        suppressed_cells({"a": 1, "b": 2, "t": 4}, [(["a", "b"], "t")], threshold=10)


def test_a_count_shown_before_is_hidden_when_it_moved_by_less_than_the_threshold() -> None:
    before = EarlierFigures({"a": 20, "b": 30, "t": 50}, hidden=set())
    lines = [(["a", "b"], "t")]

    moved_by_one = suppressed_cells(
        {"a": 21, "b": 30, "t": 51}, lines, threshold=10, earlier=[before]
    )
    moved_by_ten = suppressed_cells(
        {"a": 30, "b": 30, "t": 60}, lines, threshold=10, earlier=[before]
    )

    assert moved_by_one == {"a", "t"}
    assert moved_by_ten == set()


def test_hidden_cells_whose_combined_change_is_small_hide_a_cell_that_moved_more() -> None:
    """a and b were hidden and still are; the total moved by 12 and c by 10, so a reader
    computes that a and b together moved by 2. Hiding c too leaves only the 12."""
    before = EarlierFigures({"a": 3, "b": 12, "c": 40, "t": 55}, hidden={"a", "b"})
    now = {"a": 4, "b": 13, "c": 50, "t": 67}

    hidden = suppressed_cells(now, [(["a", "b", "c"], "t")], threshold=10, earlier=[before])

    assert hidden == {"a", "b", "c"}


def test_the_release_rule_holds_against_every_earlier_set_not_only_the_last() -> None:
    first = EarlierFigures({"a": 50, "b": 30, "t": 80}, hidden=set())
    second = EarlierFigures({"a": 55, "b": 30, "t": 85}, hidden={"a", "t"})

    hidden = suppressed_cells(
        {"a": 52, "b": 30, "t": 82}, [(["a", "b"], "t")], threshold=10, earlier=[first, second]
    )

    assert {"a", "t"} <= hidden  # 2 more than the first release showed
