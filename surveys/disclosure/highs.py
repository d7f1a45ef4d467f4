"""The numeric ground under the solver: sparse integer matrices, exact products, one
HiGHS call, and the ceilings the figures imply (all in exact integer arithmetic)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from surveys.disclosure.problem import MAX_EXACT, Constraint, Variable

# SciPy's status codes for milp.
OPTIMAL, INFEASIBLE, OTHER = 0, 2, 4


def term_matrix(rows: Sequence[Mapping[Hashable, int]], index: Mapping[Hashable, int]) -> csr_array:
    """Integer CSR matrix with one row per term mapping, columns by ``index``."""
    data: list[int] = []
    columns: list[int] = []
    pointers = [0]
    for terms in rows:
        for name, coefficient in terms.items():
            columns.append(index[name])
            data.append(coefficient)
        pointers.append(len(data))
    return csr_array(
        (np.array(data, dtype=np.int64), np.array(columns, dtype=np.int64), np.array(pointers)),
        shape=(len(rows), len(index)),
    )


def exact_products(matrix: csr_array, point: np.ndarray) -> list[int]:
    """``matrix @ point`` in exact integer arithmetic (int64 when provably safe)."""
    if matrix.shape[0] == 0:
        return []
    largest_row = float(np.max(abs(matrix).sum(axis=1), initial=0))
    largest_value = float(np.max(np.abs(point), initial=0))
    if largest_row * largest_value < 2**62:
        return [int(v) for v in matrix @ point]
    values = [int(v) for v in point]
    result = []
    for row in range(matrix.shape[0]):
        start, stop = matrix.indptr[row], matrix.indptr[row + 1]
        result.append(
            sum(
                int(c) * values[j]
                for c, j in zip(matrix.data[start:stop], matrix.indices[start:stop], strict=True)
            )
        )
    return result


def run_milp(
    objective: np.ndarray,
    bounds: Bounds,
    constraints: list[LinearConstraint],
    *,
    integral: bool = True,
    exact_optimum: bool = False,
) -> tuple[int, np.ndarray | None]:
    """One HiGHS solve; returns SciPy's status and the point (if any).

    HiGHS's presolve sometimes stops at "infeasible or unbounded" (status 4).  For a
    pure feasibility problem (zero objective) unboundedness is impossible, and solving
    once more without presolve gets a definite answer instead of a shrug.
    """
    # Only non-default options are passed: SciPy validates each one on every call.
    options: dict[str, Any] = {}
    if exact_optimum:
        options["mip_rel_gap"] = 0.0
    integrality = np.full(objective.shape[0], 1 if integral else 0)
    result = milp(
        objective, integrality=integrality, bounds=bounds, constraints=constraints, options=options
    )
    if result.status == OTHER and not np.any(objective):
        options["presolve"] = False
        result = milp(
            objective,
            integrality=integrality,
            bounds=bounds,
            constraints=constraints,
            options=options,
        )
    return int(result.status), result.x


def implied_highs(
    variables: Sequence[Variable], constraints: Sequence[Constraint]
) -> list[int | None]:
    """Upper bounds the figures imply for each variable, in exact integer arithmetic.

    A variable declared without an upper bound is nearly always bounded by some published
    total it is part of (``x + y = 7`` with ``x, y >= 0`` gives ``x <= 7``).  Knowing that
    up front lets every solve run on a finite box: the first randomly directed
    optimisation can double as the feasibility proof, and ranges need no unboundedness
    test.  This is ordinary bound propagation: each bound follows from one figure and the
    other variables' bounds, so tightening to it removes no solution.  A bound that would
    fall below a variable's floor is left alone; the solver then reports the contradiction
    with the figures' names.
    """
    lows = [v.low for v in variables]
    highs: list[int | None] = [v.high for v in variables]
    index = {v.name: i for i, v in enumerate(variables)}
    rows = [
        ([(index[n], c) for n, c in con.terms.items()], con.low, con.high) for con in constraints
    ]
    for _ in range(4):
        changed = False
        for terms, row_low, row_high in rows:
            for limit, sign in ((row_high, 1), (row_low, -1)):
                if limit is None:
                    continue
                # sign * sum(c x) <= sign * limit; smallest possible value of each term:
                least: list[int | None] = []
                for j, c in terms:
                    c = sign * c
                    high = highs[j]
                    least.append(c * lows[j] if c > 0 else (None if high is None else c * high))
                if None in least:
                    # Some negative term can be arbitrarily low, so the others are not
                    # bounded by this figure (and that term's own variable has c < 0).
                    continue
                total = sum(value for value in least if value is not None)
                for (j, c), value in zip(terms, least, strict=True):
                    c = sign * c
                    if c <= 0 or value is None:
                        continue
                    # c * x_j <= sign * limit - (least of all the other terms)
                    bound = (sign * limit - (total - value)) // c
                    if bound > MAX_EXACT:
                        continue  # would not survive the trip to float intact
                    high = highs[j]
                    if bound >= lows[j] and (high is None or bound < high):
                        highs[j] = bound
                        changed = True
        if not changed:
            break
    return highs
