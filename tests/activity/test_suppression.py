"""The one suppression function: primary and complementary suppression."""

from __future__ import annotations

from activity.suppression import suppressed_cells


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
    counts, lines = _grid({
        "a": [3, 12, 40, 0, 7], "b": [15, 2, 33, 11, 19], "c": [22, 18, 1, 9, 30], "d": [50, 44, 38, 27, 61],
    })

    hidden = suppressed_cells(counts, lines, threshold=10)

    assert {("a", 0), ("a", 4), ("b", 1), ("c", 2), ("c", 3)} <= hidden
    assert _recoverable(counts, lines, hidden) == []


def test_a_small_total_with_shown_members_hides_a_member() -> None:
    hidden = suppressed_cells({"x": 0, "y": 0, "t": 0, "u": 5, "v": 0, "w": 5}, [(["u", "v"], "w")], threshold=10)

    assert hidden == {"u", "w"}
