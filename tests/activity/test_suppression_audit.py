"""Randomized and whole-district checks of public suppression against an exact attacker.

The attacker is an integer solver (scipy.optimize.milp) that knows what a reader knows:
the shown counts, the lines that add up, and that a hidden cell holds 1 or more (zero is
always shown). A hidden cell is *pinned* when its smallest and largest possible values
agree. Over many random tables shaped like the report (schools by groups of several
dimensions sharing one total per school, complaints by status with a no-school row, a
district row adding up every column), and over a second release of each, the suppression
must leave no pinned cell, hide at least the threshold in every line, and keep every
change between the two releases at 0 or at least the threshold.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import pytest
from django.core.management import call_command
from scipy.optimize import Bounds, LinearConstraint, milp

from activity.models import ReportRelease
from activity.services.reports import report_publish
from activity.suppression import EarlierFigures, moved_too_little, suppressed_cells
from roster.models import EvaluationPeriod
from tests.activity.public_figures import _count, csv_figures, hidden_sums, public_lines
from tests.activity.test_suppression import line_faults


def solver_pinned(values, lines, hidden, *, truth=None) -> list:
    """Hidden cells whose value is the same in every integer solution (hidden cells >= 1).

    ``values`` holds the shown counts (hidden ones may be missing); ``truth``, when given,
    only lets the search stop early once a cell's largest value exceeds its true one.
    """
    unknown = list(
        dict.fromkeys(k for members, total in lines for k in (*members, total) if k in hidden)
    )
    if not unknown:
        return []
    index = {k: i for i, k in enumerate(unknown)}
    rows, rhs = [], []
    for members, total in lines:
        row, known = np.zeros(len(unknown)), 0
        for key, sign in [*((m, 1) for m in members), (total, -1)]:
            if key in index:
                row[index[key]] += sign
            else:
                known += sign * values[key]
        if row.any():
            rows.append(row)
            rhs.append(-known)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    ceiling = 10 * (
        1 + sum(v for k, v in values.items() if k not in hidden)
    )  # above any count in these lines
    bounds = Bounds(np.ones(len(unknown)), np.full(len(unknown), ceiling))
    integrality = np.ones(len(unknown))
    pinned = []
    for key, i in index.items():
        objective = np.zeros(len(unknown))
        objective[i] = 1
        top = milp(-objective, constraints=constraints, integrality=integrality, bounds=bounds)
        assert top.status == 0, top.message
        if truth is not None and round(-top.fun) > truth[key]:
            continue
        bottom = milp(objective, constraints=constraints, integrality=integrality, bounds=bounds)
        assert bottom.status == 0, bottom.message
        if round(bottom.fun) == round(-top.fun):
            pinned.append((key, round(bottom.fun)))
    return pinned


@dataclass
class Shape:
    schools: int
    groups: list[int]  # groups per dimension
    statuses: int


def _shape(rng: random.Random) -> Shape:
    return Shape(
        rng.randint(1, 4), [rng.randint(2, 4) for _ in range(rng.randint(1, 3))], rng.randint(2, 4)
    )


def _incidents(rng: random.Random, shape: Shape, most: int) -> list[tuple[int, tuple[int, ...]]]:
    """Incidents per school, each with a group in every dimension; skewed so small cells abound."""
    found = []
    for school in range(shape.schools):
        weights = [[rng.random() ** 2 for _ in range(g)] for g in shape.groups]
        for _ in range(rng.choice([0, rng.randint(1, most // 3), rng.randint(1, most)])):
            found.append(
                (
                    school,
                    tuple(
                        rng.choices(range(g), w)[0]
                        for g, w in zip(shape.groups, weights, strict=True)
                    ),
                )
            )
    return found


def _complaints(rng: random.Random, shape: Shape, most: int) -> list[tuple[object, int]]:
    rows = [*range(shape.schools), "none"]
    return [
        (row, status)
        for row in rows
        for status in range(shape.statuses)
        for _ in range(rng.choice([0, rng.randint(1, most // 4), rng.randint(1, most)]))
    ]


def _tabulate(shape: Shape, incidents, complaints):
    """Counts and lines like the report's: a school's groups of each dimension add up to its
    incidents, complaints by status to its complaints, and every column to the district row."""
    schools = list(range(shape.schools))
    columns = ["incidents", *((d, g) for d, n in enumerate(shape.groups) for g in range(n))]
    statuses = [*(("complaints", s) for s in range(shape.statuses)), "complaints"]
    counts = {(row, c): 0 for row in [*schools, "district"] for c in columns}
    counts |= {(row, c): 0 for row in [*schools, "none", "district"] for c in statuses}
    for school, groups in incidents:
        for row in (school, "district"):
            counts[(row, "incidents")] += 1
            for d, g in enumerate(groups):
                counts[(row, (d, g))] += 1
    for row, status in complaints:
        for r in (row, "district"):
            counts[(r, ("complaints", status))] += 1
            counts[(r, "complaints")] += 1
    lines = [
        ([(row, (d, g)) for g in range(n)], (row, "incidents"))
        for row in [*schools, "district"]
        for d, n in enumerate(shape.groups)
    ]
    lines += [
        ([(row, s) for s in statuses[:-1]], (row, "complaints"))
        for row in [*schools, "none", "district"]
    ]
    lines += [([(row, c) for row in schools], ("district", c)) for c in columns]
    lines += [([(row, c) for row in [*schools, "none"]], ("district", c)) for c in statuses]
    return counts, lines


@pytest.mark.parametrize("seed", range(4))
def test_random_report_shaped_tables_hide_the_threshold_in_every_line_and_pin_no_cell(
    seed: int,
) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        shape = _shape(rng)
        counts, lines = _tabulate(shape, _incidents(rng, shape, 40), _complaints(rng, shape, 25))
        threshold = rng.choice([3, 5, 10])

        hidden = suppressed_cells(counts, lines, threshold=threshold)

        assert line_faults(counts, lines, hidden, threshold) == []
        assert [k for k in hidden if counts[k] == 0] == []
        assert solver_pinned(counts, lines, hidden, truth=counts) == []


def _change_faults(before, after, lines, threshold: int) -> list:
    """Shown in both and moved by 1..threshold-1; or a line whose hidden cells moved
    together by that much (computed from its total shown in both)."""
    faults = [
        k
        for k in after.counts
        if before.shows(k)
        and after.shows(k)
        and 0 < abs(after.counts[k] - before.counts[k]) < threshold
    ]
    for members, total in lines:
        if not (before.shows(total) and after.shows(total)):
            continue
        seen = [m for m in members if before.shows(m) and after.shows(m)]
        change = (after.counts[total] - before.counts[total]) - sum(
            after.counts[m] - before.counts[m] for m in seen
        )
        if len(seen) < len(members) and 0 < abs(change) < threshold:
            faults.append((total, change))
    return faults


@pytest.mark.parametrize("seed", range(3))
def test_a_second_release_of_random_tables_follows_the_release_rule_and_pins_no_cell(
    seed: int,
) -> None:
    rng = random.Random(100 + seed)
    held_back = 0
    for _ in range(30):
        shape = _shape(rng)
        incidents, complaints = _incidents(rng, shape, 40), _complaints(rng, shape, 25)
        threshold = rng.choice([3, 5, 10])
        counts, lines = _tabulate(shape, incidents, complaints)
        first = EarlierFigures(counts, suppressed_cells(counts, lines, threshold=threshold))
        incidents += _incidents(rng, shape, 15)
        complaints += _complaints(rng, shape, 6)
        later, _ = _tabulate(shape, incidents, complaints)

        second = EarlierFigures(
            later, suppressed_cells(later, lines, threshold=threshold, earlier=[first])
        )

        assert _change_faults(first, second, lines, threshold) == []
        assert line_faults(later, lines, second.hidden, threshold) == []
        assert solver_pinned(later, lines, second.hidden, truth=later) == []
        held_back += len(moved_too_little(later, threshold=threshold, earlier=[first]))
    assert held_back > 0, "the release rule had nothing to do: the test would prove nothing"


# A reader of the CSV knows that a table's Total of arrests (referrals) by group is the
# arrests (referrals) cell of the enforcement table: one unknown, not two.
SAME_CELL = {"arrest-": "Arrest", "referral-": "Referral to law enforcement"}


def _canonical(key: tuple[str, str, str]) -> tuple[str, str, str]:
    table, row, column = key
    for prefix, enforcement_column in SAME_CELL.items():
        if table.startswith(prefix) and column == "Total":
            return ("enforcement", row, enforcement_column)
    return key


@pytest.mark.django_db
def test_a_reader_of_the_demo_districts_csv_can_pin_no_hidden_count() -> None:
    """The full demo district, both years (the running one published today): everything a
    reader of the CSV can compute, solved exactly, pins no suppressed count."""
    call_command("demo", "--no-serve")
    running = EvaluationPeriod.objects.exclude(
        pk__in=ReportRelease.objects.values("period_id")
    ).get()
    report_publish(district=running.district, period=running, actor=None)

    for period in EvaluationPeriod.objects.select_related("district"):
        figures = csv_figures(period.district.code, period.name)
        threshold = period.district.public_suppression_threshold
        assert [line for line in hidden_sums(figures) if line[1] < 2 or line[2] < threshold] == []
        release = ReportRelease.objects.get(period=period)
        assert release.hidden, "the demo district has small counts to hide"
        values, hidden = {}, set()
        for key, text in figures.items():
            if text == "suppressed":
                hidden.add(_canonical(key))
            elif _count(text) is not None:
                values[_canonical(key)] = _count(text)
        lines = [
            ([_canonical(m) for m in members], _canonical(total))
            for _, members, total in public_lines(figures)
        ]

        assert solver_pinned(values, lines, hidden) == []
