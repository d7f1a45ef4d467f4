"""One connected group of hidden counts, solved alone: is a target pinned, what is its range."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint
from scipy.sparse import csc_array, vstack

from surveys.disclosure.highs import (
    INFEASIBLE,
    OPTIMAL,
    OTHER,
    exact_products,
    implied_highs,
    run_milp,
    term_matrix,
)
from surveys.disclosure.problem import (
    MAX_EXACT,
    Constraint,
    InfeasibleError,
    SolverError,
    Target,
    Variable,
)

# Random optimisations per component before falling back to per-target checks.  Two
# rounds (each a minimise and a maximise) settle nearly every target of a real table.
_RANDOM_ROUNDS = 2
# Seed for the random objectives; answers never depend on it, only the path to them.
_SEED = 360
# Looking for the smallest set of contradicting figures costs one solve per figure in
# the component; past this many we name them all instead.
_CONFLICT_SEARCH_LIMIT = 200


class Component:
    """One connected group of variables with its figures and targets, solved alone."""

    def __init__(
        self,
        variables: Sequence[Variable],
        constraints: Sequence[Constraint],
        targets: Sequence[tuple[int, Target]],
        *,
        seed: int,
    ) -> None:
        index = {variable.name: i for i, variable in enumerate(variables)}
        self.size = len(variables)
        # Declared bounds, for the exact check of every point.
        self.low = np.array([v.low for v in variables], dtype=np.int64)
        self.high_known = np.array([v.high is not None for v in variables])
        self.high = np.array([0 if v.high is None else v.high for v in variables], dtype=np.int64)

        self.declared_bounds = Bounds(
            self.low.astype(float), np.where(self.high_known, self.high.astype(float), np.inf)
        )

        self.constraints = list(constraints)
        # Bounds the solver works with: declared, tightened by what the figures imply.
        implied = implied_highs(variables, self.constraints)
        self.free = np.array([h is None for h in implied])
        self.unbounded = bool(self.free.any())
        self.bounds = Bounds(
            self.low.astype(float), np.array([np.inf if h is None else h for h in implied], float)
        )

        self.a = term_matrix([c.terms for c in self.constraints], index)
        self.row_low = np.array(
            [-np.inf if c.low is None else c.low for c in self.constraints], dtype=float
        )
        self.row_high = np.array(
            [np.inf if c.high is None else c.high for c in self.constraints], dtype=float
        )

        self.positions = [position for position, _ in targets]
        self.targets = [target for _, target in targets]
        self.t = term_matrix([t.terms for t in self.targets], index)
        self.t_float = self.t.astype(float)
        self.rng = np.random.default_rng([_SEED, seed])

        # Figures and targets stacked once; a solve states which target rows are bounded
        # (the rest are free rows, which HiGHS's presolve drops).  Building the matrix
        # once per component rather than per solve is most of the speed on small pieces.
        self.stacked = csc_array(vstack([self.a, self.t], format="csc").astype(float))
        self.free_targets = np.full(len(self.targets), np.inf)

    # -- building blocks ---------------------------------------------------------------

    def _figures(
        self, target: int | None = None, low: float = -np.inf, high: float = np.inf
    ) -> list[LinearConstraint]:
        """Every figure, plus ``low <= target <= high`` when a target is given."""
        if self.stacked.shape[0] == 0:
            return []
        row_low = np.concatenate([self.row_low, -self.free_targets])
        row_high = np.concatenate([self.row_high, self.free_targets])
        if target is not None:
            row_low[len(self.constraints) + target] = low
            row_high[len(self.constraints) + target] = high
        return [LinearConstraint(self.stacked, row_low, row_high)]

    def _some_figures(self, rows: Sequence[int]) -> list[LinearConstraint]:
        if not rows:
            return []
        rows = list(rows)
        return [
            LinearConstraint(self.a[rows].astype(float), self.row_low[rows], self.row_high[rows])
        ]

    def _verified(self, x: np.ndarray | None) -> np.ndarray:
        """The integer point ``x`` rounds to, after checking it exactly against every
        declared bound and figure; raises :class:`SolverError` if it fails."""
        if x is None or not np.all(np.isfinite(x)) or np.max(np.abs(x), initial=0) >= MAX_EXACT:
            raise SolverError(f"HiGHS returned an unusable point {x!r}")
        point = np.rint(x).astype(np.int64)
        bad_bounds = (point < self.low) | (self.high_known & (point > self.high))
        if bad_bounds.any():
            raise SolverError(
                "HiGHS returned a point that breaks a variable's bounds after rounding"
            )
        for constraint, activity in zip(
            self.constraints, exact_products(self.a, point), strict=True
        ):
            if not constraint.admits(activity):
                raise SolverError(
                    f"HiGHS returned a point that breaks {constraint.why!r} after rounding "
                    f"(sum {activity}, allowed {constraint.low}..{constraint.high})"
                )
        return point

    def _values(self, point: np.ndarray) -> list[int]:
        return exact_products(self.t, point)

    def _infeasible(self) -> InfeasibleError:
        return InfeasibleError(
            [self.constraints[j].why for j in self._conflict()],
            [c.why for c in self.constraints],
        )

    def _feasible_point(
        self, target: int | None = None, low: float = -np.inf, high: float = np.inf
    ) -> np.ndarray | None:
        """A verified integer point satisfying every figure (and ``low <= target <= high``),
        or ``None`` when HiGHS proves there is none."""
        status, x = run_milp(np.zeros(self.size), self.bounds, self._figures(target, low, high))
        if status == INFEASIBLE:
            return None
        if status != OPTIMAL:
            raise SolverError(f"HiGHS could not decide feasibility (status {status})")
        return self._verified(x)

    def _point_beyond(
        self, i: int, *, below: int | None = None, above: int | None = None
    ) -> np.ndarray | None:
        """A verified point where target ``i`` is ``<= below`` (or ``>= above``), or None."""
        if below is not None:
            point = self._feasible_point(i, -np.inf, below)
        else:
            assert above is not None
            point = self._feasible_point(i, above, np.inf)
        if point is not None:
            value = self._values(point)[i]
            if (below is not None and value > below) or (above is not None and value < above):
                raise SolverError(
                    f"HiGHS claimed target {self.targets[i].name!r} can pass "
                    f"{below if above is None else above} but its point gives {value}"
                )
        return point

    def _first_point(self) -> np.ndarray:
        """A verified feasible point, or :class:`InfeasibleError` naming the figures."""
        point = self._feasible_point()
        if point is None:
            raise self._infeasible()
        return point

    def _conflict(self) -> list[int]:
        """A smallest set of figures that still contradict each other (deletion filter:
        drop each figure in turn and keep it dropped if the rest stay infeasible).

        Runs on the declared bounds only: the ceilings inferred from the figures would
        quietly keep a dropped figure's effect and let it vanish from the report.
        """
        active = list(range(len(self.constraints)))
        if len(active) > _CONFLICT_SEARCH_LIMIT:
            return active
        for j in range(len(self.constraints)):
            trial = [k for k in active if k != j]
            status, _ = run_milp(
                np.zeros(self.size), self.declared_bounds, self._some_figures(trial)
            )
            if status == INFEASIBLE:
                active = trial
        return active

    def _sample(self, seen: list[set[int]], start: np.ndarray | None) -> None:
        """Collect target values from a few randomly directed optimisations.

        Each round picks random signs for the targets still showing fewer than two
        values and minimises then maximises that combination (plus per-variable noise too
        small to outweigh a unit change in any target, to spread ties).  Rounds stop when
        every target has two values, or when a round settles none.  Points are evidence
        that a target is *not* pinned, never proof that one is.

        With ``start`` None the box is finite and the first solve doubles as the
        feasibility proof (its infeasibility is the figures' contradiction).  Otherwise
        variables with no upper bound get a generous temporary cap around ``start`` so
        no objective runs off to infinity; capping only removes solutions, so every point
        found is still a genuine one.
        """
        bounds = self.bounds
        if start is not None and self.unbounded:
            high = bounds.ub.copy()
            base = start[self.free].astype(float)
            high[self.free] = base + np.abs(base) + 8.0
            bounds = Bounds(bounds.lb, high)
        figures = self._figures()
        for _ in range(_RANDOM_ROUNDS):
            open_targets = [i for i, values in enumerate(seen) if len(values) < 2]
            if not open_targets:
                return
            signs = self.rng.choice((-1.0, 1.0), size=len(open_targets))
            direction = np.asarray(self.t_float[open_targets].T @ signs).ravel()
            direction += self.rng.uniform(-0.5, 0.5, self.size) / (self.size + 1)
            for objective in (direction, -direction):
                status, x = run_milp(objective, bounds, figures)
                if start is None:
                    start = point = self._proving_point(status, x)
                elif status != OPTIMAL:
                    continue
                else:
                    try:
                        point = self._verified(x)
                    except SolverError:
                        continue  # evidence only; a doubtful point is simply not used
                for values, value in zip(seen, self._values(point), strict=True):
                    values.add(value)
            if sum(1 for values in seen if len(values) < 2) == len(open_targets):
                return  # this round settled nothing; the next one likely would not either

    def _proving_point(self, status: int, x: np.ndarray | None) -> np.ndarray:
        """The first sampling solve on a finite box is the feasibility proof: no leniency.

        HiGHS's presolve can stop at "infeasible or unbounded" (status 4) even on a
        finite box, where unbounded is impossible; the zero-objective feasibility solve,
        which retries without presolve, then gives the definite answer.
        """
        if status == INFEASIBLE:
            raise self._infeasible()
        if status == OTHER:
            return self._first_point()
        if status != OPTIMAL:
            raise SolverError(f"HiGHS could not solve a bounded problem (status {status})")
        return self._verified(x)

    def _extreme(self, i: int, *, smallest: bool) -> int | None:
        """The exact minimum (or maximum) of target ``i``; ``None`` if unbounded."""
        if self.unbounded and self._recedes(i, smallest=smallest):
            return None
        sign = 1.0 if smallest else -1.0
        objective = sign * self.t_float[[i]].toarray().ravel()
        status, x = run_milp(objective, self.bounds, self._figures(), exact_optimum=True)
        if status == INFEASIBLE:
            raise self._infeasible()
        if status == OTHER:
            # "Infeasible or unbounded" where the target is known bounded: the
            # feasibility solve names a contradiction; if there is none, HiGHS has no excuse.
            self._first_point()
        if status != OPTIMAL:
            raise SolverError(
                f"HiGHS could not {'minimise' if smallest else 'maximise'} target "
                f"{self.targets[i].name!r} (status {status})"
            )
        return self._values(self._verified(x))[i]

    def _recedes(self, i: int, *, smallest: bool) -> bool:
        """Whether target ``i`` is unbounded below (``smallest``) or above.

        For integer data, a feasible integer program is unbounded exactly when its linear
        relaxation is (Meyer, 1974), i.e. when some direction ``d`` in the recession cone
        (moves that keep every bound and figure satisfied however far one goes) changes
        the target.  Scaling makes "changes it by at least 1" equivalent, which gives a
        linear feasibility problem with a clean yes/no answer instead of a solver status
        of "unbounded or infeasible" to interpret.  Callers must have shown the integer
        problem feasible first.
        """
        steps = Bounds(np.zeros(self.size), np.where(self.free, np.inf, 0.0))
        row_low = np.concatenate(
            [np.where(np.isfinite(self.row_low), 0.0, -np.inf), -self.free_targets]
        )
        row_high = np.concatenate(
            [np.where(np.isfinite(self.row_high), 0.0, np.inf), self.free_targets]
        )
        if smallest:
            row_high[len(self.constraints) + i] = -1.0
        else:
            row_low[len(self.constraints) + i] = 1.0
        cone = [LinearConstraint(self.stacked, row_low, row_high)]
        status, _ = run_milp(np.zeros(self.size), steps, cone, integral=False)
        if status == OPTIMAL:
            return True
        if status == INFEASIBLE:
            return False
        raise SolverError(
            f"HiGHS could not decide whether {self.targets[i].name!r} is bounded (status {status})"
        )

    # -- the two questions -------------------------------------------------------------

    def pinned_values(self) -> dict[int, int]:
        """``{target position: value}`` for each target the figures pin.

        A target counts as not pinned only on the evidence of two verified integer points
        giving it different values.  A target still showing one value ``v`` is pinned only
        if HiGHS proves both "target <= v - 1" and "target >= v + 1" infeasible; any point
        found by those checks is new evidence for every other target too.
        """
        seen: list[set[int]] = [set() for _ in self.targets]
        start = None
        if self.unbounded or not self.targets:
            start = self._first_point()
            if not self.targets:
                return {}
            for values, value in zip(seen, self._values(start), strict=True):
                values.add(value)
        self._sample(seen, start)
        if start is None and not all(seen):  # only when sampling is switched off
            for values, value in zip(seen, self._values(self._first_point()), strict=True):
                values.add(value)
        result: dict[int, int] = {}
        for i, values in enumerate(seen):
            if len(values) >= 2:
                continue
            (value,) = values
            point = self._point_beyond(i, below=value - 1)
            if point is None:
                point = self._point_beyond(i, above=value + 1)
            if point is None:
                result[self.positions[i]] = value
                continue
            for other, other_value in zip(seen, self._values(point), strict=True):
                other.add(other_value)
        return result

    def ranges(self) -> list[tuple[int, int | None, int | None]]:
        """``(target position, low, high)`` for each target, exactly."""
        if self.unbounded or not self.targets:
            self._first_point()  # the unboundedness test presumes a feasible problem
        result = []
        for i, position in enumerate(self.positions):
            low = self._extreme(i, smallest=True)
            high = self._extreme(i, smallest=False)
            if (
                low is not None
                and low == high
                and (
                    self._point_beyond(i, below=low - 1) is not None
                    or self._point_beyond(i, above=low + 1) is not None
                )
            ):
                raise SolverError(
                    f"HiGHS's optimum pinned {self.targets[i].name!r} at {low} "
                    "but a feasibility check disagreed"
                )
            result.append((position, low, high))
        return result
