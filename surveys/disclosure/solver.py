"""Exact disclosure audit: can the published figures pin a hidden count to one value?

Survey results go out as aggregate integer figures (totals, cells that are large enough
to show, margins).  Someone who reads them all knows a set of linear equalities and
inequalities over the hidden integer counts, plus the bounds every count obeys (never
negative; a suppressed small cell lies in 1..k-1, and so on).  A hidden count is
*disclosed* when those facts leave it exactly one possible value, however it was hidden.
This module proves, for each hidden count of interest (a "target"), whether that happens.

Why an integer solver and not a linear one: the reader knows the counts are whole
numbers, and integrality alone can pin a count that the linear relaxation leaves loose
(``x + y = 1`` and ``2x >= 1`` leave ``x`` anywhere in ``[1/2, 1]`` over the reals but
pin ``x = 1`` over the integers).  We therefore use SciPy's ``milp`` (HiGHS) with every
variable integral, and never a hand-written search.

Why the answers can be trusted despite floating point:

* every claim that a value is *feasible* rests on an integer point that we round from
  the solver's answer and then check exactly, in integer arithmetic, against every bound
  and figure (a solver answer that does not survive rounding is an error, never a guess);
* every claim that a target is *pinned* at ``v`` rests on two separate feasibility
  problems, "target <= v - 1" and "target >= v + 1", both of which HiGHS must prove
  infeasible; one optimisation's reported optimum is never taken as proof on its own;
* optimisations that feed reported ranges run with ``mip_rel_gap = 0`` (HiGHS would
  otherwise stop within 0.01% of the optimum, i.e. off by one on a count of 10,000).

Why it is fast on many small problems: the figures of a district audit split into many
independent groups (a school's tables do not mention another school's counts).  We split
the problem into connected components and solve each alone; within a component one
feasible point plus a couple of randomly directed optimisations usually show every
target taking two different values, which settles it as "not pinned" with no further
solve.  Only the targets still showing a single value get the two feasibility checks.
Random directions come from a fixed seed, so runs are reproducible (and the answers are
exact, so the seed can only change how fast they are found, never what they are).
Before solving, each component's undeclared ceilings are inferred from the figures by
exact bound propagation (a count inside a published total cannot exceed it), so nearly
every solve runs on a finite box; counts that stay unbounded are handled too, and a
range end is reported as ``None`` only when a recession-cone test proves it unbounded.

This module is pure: it knows nothing of Django, surveys or schools.  Callers translate
their published figures into a :class:`Problem` and read back :class:`Range` values.
"""

from __future__ import annotations

import operator
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csc_array, csr_array, vstack

__all__ = [
    "Constraint",
    "InfeasibleError",
    "Problem",
    "Range",
    "SolverError",
    "Target",
    "Variable",
    "pinned",
    "solve_ranges",
]

# Integers up to 2**53 are exact as float64, which is what HiGHS computes in.  Larger
# figures could be silently rounded on the way in, so they are refused at the door.
_MAX_EXACT = 2**53
# Random optimisations per component before falling back to per-target checks.  Two
# rounds (each a minimise and a maximise) settle nearly every target of a real table.
_RANDOM_ROUNDS = 2
# Seed for the random objectives; answers never depend on it, only the path to them.
_SEED = 360
# Looking for the smallest set of contradicting figures costs one solve per figure in
# the component; past this many we name them all instead.
_CONFLICT_SEARCH_LIMIT = 200
# SciPy's status codes for milp.
_OPTIMAL, _INFEASIBLE, _OTHER = 0, 2, 4


class InfeasibleError(Exception):
    """The figures contradict each other: no integer counts satisfy them all.

    Published figures are computed from real counts, so they always admit at least the
    true counts; a contradiction means a bug in whatever produced them (or in the way
    they were turned into constraints).  ``whys`` names a smallest set of figures found
    to contradict each other (with the counts' bounds); ``component_whys`` names every
    figure linked to the same counts, for context.
    """

    def __init__(self, whys: Sequence[str], component_whys: Sequence[str]) -> None:
        self.whys = tuple(whys)
        self.component_whys = tuple(component_whys)
        message = "The published figures contradict each other: no integer counts satisfy all of: "
        message += "; ".join(self.whys)
        if len(self.whys) < len(self.component_whys):
            message += (
                f" (a smallest contradicting set among the {len(self.component_whys)} figures"
                " over these counts)"
            )
        super().__init__(message)


class SolverError(RuntimeError):
    """HiGHS gave an answer we could not certify (an odd status, or a point that fails
    the exact integer check after rounding).  Never silently turned into a verdict,
    because an audit that guesses is worse than one that stops."""


class _Terms(Mapping[Hashable, int]):
    """A read-only, hashable ``{variable name: integer coefficient}`` mapping.

    Frozen dataclasses hash their fields, and a plain dict is unhashable; this keeps the
    ``Mapping`` interface callers pass in while making ``Constraint``/``Target``/``Range``
    usable in sets and as keys.  Zero coefficients are dropped (they link nothing), and
    coefficients must be genuine integers because the whole point is exact arithmetic.
    """

    __slots__ = ("_items",)

    def __init__(self, terms: Mapping[Hashable, int]) -> None:
        if not isinstance(terms, Mapping):
            raise TypeError(
                f"terms must be a mapping of variable name to coefficient, not {terms!r}"
            )
        items: dict[Hashable, int] = {}
        for name, coefficient in terms.items():
            hash(name)
            value = _exact_int(coefficient, f"coefficient of {name!r}")
            if value:
                items[name] = value
        self._items = items

    def __getitem__(self, name: Hashable) -> int:
        return self._items[name]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._items)


def _exact_int(value: Any, what: str) -> int:
    """``value`` as an int, refusing floats (which would hide rounding) and huge values."""
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, not {value!r}") from None
    if abs(number) > _MAX_EXACT:
        raise ValueError(f"{what} is {number}; values beyond 2**53 cannot be solved exactly")
    return number


def _optional_int(value: Any, what: str) -> int | None:
    return None if value is None else _exact_int(value, what)


@dataclass(frozen=True)
class Variable:
    """A hidden integer count with inclusive bounds; ``high=None`` means no upper bound.

    The lower bound is always finite: counts are never negative, and a finite floor is
    what keeps every minimisation well defined.
    """

    name: Hashable
    low: int
    high: int | None

    def __post_init__(self) -> None:
        hash(self.name)
        low = _exact_int(self.low, f"low bound of {self.name!r}")
        high = _optional_int(self.high, f"high bound of {self.name!r}")
        if high is not None and high < low:
            raise ValueError(f"variable {self.name!r} has low {low} above high {high}")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


@dataclass(frozen=True)
class Constraint:
    """``low <= sum(coefficient * variable) <= high``; an equality when ``low == high``.

    ``why`` names the published figure this comes from, so an audit failure or a
    contradiction can be reported in terms a person can look up.
    """

    terms: Mapping[Hashable, int]
    low: int | None
    high: int | None
    why: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", _Terms(self.terms))
        low = _optional_int(self.low, f"low of constraint {self.why!r}")
        high = _optional_int(self.high, f"high of constraint {self.why!r}")
        if low is None and high is None:
            raise ValueError(f"constraint {self.why!r} has neither a low nor a high bound")
        if low is not None and high is not None and low > high:
            # A single call with low > high is a caller mistake (swapped arguments), not
            # two figures disagreeing, so it fails here rather than as InfeasibleError.
            raise ValueError(f"constraint {self.why!r} has low {low} above high {high}")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def admits(self, activity: int) -> bool:
        """Whether ``activity`` (the exact value of the sum) satisfies this constraint."""
        return (self.low is None or activity >= self.low) and (
            self.high is None or activity <= self.high
        )


@dataclass(frozen=True)
class Target:
    """A hidden count that must not be pinned: one variable, or a sum of variables.

    A sum matters on its own: a suppressed pair of cells is disclosed as a pair if the
    figures fix their total, even when neither cell is fixed.
    """

    name: Hashable
    terms: Mapping[Hashable, int]
    why: str

    def __post_init__(self) -> None:
        hash(self.name)
        terms = _Terms(self.terms)
        if not terms:
            raise ValueError(
                f"target {self.name!r} needs at least one variable with a nonzero coefficient"
            )
        object.__setattr__(self, "terms", terms)


@dataclass(frozen=True)
class Range:
    """The smallest and largest value a target can take given all the figures.

    ``low``/``high`` are ``None`` when the target is unbounded that way (only possible
    when some variable has no upper bound).  A range with ``low == high`` is a disclosure.
    """

    target: Target
    low: int | None
    high: int | None

    @property
    def is_pinned(self) -> bool:
        return self.low is not None and self.low == self.high


class Problem:
    """Builder for the reader's knowledge: variables, figures (constraints), targets.

    Variables must be declared before a constraint or target mentions them, so that a
    misspelt name fails loudly instead of becoming a new, unconstrained count.
    """

    def __init__(self) -> None:
        self._variables: dict[Hashable, Variable] = {}
        self._constraints: list[Constraint] = []
        self._targets: dict[Hashable, Target] = {}

    @property
    def variables(self) -> Mapping[Hashable, Variable]:
        return MappingProxyType(self._variables)

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        return tuple(self._constraints)

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(self._targets.values())

    def add_variable(self, name: Hashable, low: int = 0, high: int | None = None) -> Variable:
        """Declare a hidden count.  Declaring it again with the same bounds is a no-op;
        different bounds raise, because silently keeping either would misstate what the
        reader knows (tighten bounds with a constraint, which carries a ``why``)."""
        variable = Variable(name, low, high)
        existing = self._variables.get(name)
        if existing is not None:
            if existing != variable:
                raise ValueError(
                    f"variable {name!r} already declared with bounds "
                    f"{existing.low}..{existing.high}, not {variable.low}..{variable.high}"
                )
            return existing
        self._variables[name] = variable
        return variable

    def add_constraint(
        self, terms: Mapping[Hashable, int], low: int | None, high: int | None, why: str
    ) -> Constraint:
        """Record a published figure as ``low <= sum(coef * var) <= high``.

        A constraint with no terms is allowed (a figure over an empty set of counts);
        it contradicts the others unless ``low <= 0 <= high``.
        """
        constraint = Constraint(terms, low, high, why)
        self.check_known(constraint.terms, f"constraint {why!r}")
        self._constraints.append(constraint)
        return constraint

    def add_target(self, name: Hashable, terms: Mapping[Hashable, int], why: str) -> Target:
        """Name a hidden count (or sum) that must not be pinned.  Re-adding an identical
        target is a no-op; reusing a name for different terms raises."""
        target = Target(name, terms, why)
        self.check_known(target.terms, f"target {name!r}")
        existing = self._targets.get(name)
        if existing is not None:
            if existing != target:
                raise ValueError(f"target {name!r} already declared differently")
            return existing
        self._targets[name] = target
        return target

    def check_known(self, terms: Mapping[Hashable, int], what: str) -> None:
        unknown = [name for name in terms if name not in self._variables]
        if unknown:
            raise ValueError(f"{what} mentions undeclared variable(s): {unknown!r}")


def solve_ranges(problem: Problem, *, targets: Iterable[Target] | None = None) -> list[Range]:
    """The exact range of every target (default: all the problem's targets), in order.

    Each end is found by an exact optimisation whose optimum is an integer point checked
    in integer arithmetic; an end is ``None`` when the target is unbounded that way
    (decided on the linear relaxation's recession cone, which for integer data is exact
    once the integer problem is known feasible).  A single-valued range is additionally
    confirmed by two feasibility checks, as in :func:`pinned`.  Raises
    :class:`InfeasibleError` if the figures contradict each other anywhere.
    """
    wanted = _resolve_targets(problem, targets)
    ranges: list[Range | None] = [None] * len(wanted)
    for component in _components(problem, wanted):
        for position, low, high in component.ranges():
            ranges[position] = Range(wanted[position], low, high)
    return [r for r in ranges if r is not None]


def pinned(problem: Problem, *, targets: Iterable[Target] | None = None) -> list[Range]:
    """The targets the figures pin to a single value: the audit failures, in order.

    Cheaper than :func:`solve_ranges` because a target seen taking two values in any
    verified solutions needs no optimisation at all.  Raises :class:`InfeasibleError` if
    the figures contradict each other anywhere.
    """
    wanted = _resolve_targets(problem, targets)
    found: dict[int, int] = {}
    for component in _components(problem, wanted):
        found.update(component.pinned_values())
    return [Range(wanted[p], found[p], found[p]) for p in sorted(found)]


def _resolve_targets(problem: Problem, targets: Iterable[Target] | None) -> list[Target]:
    wanted = list(problem.targets if targets is None else targets)
    for target in wanted:
        problem.check_known(target.terms, f"target {target.name!r}")
    return wanted


class _DisjointSets:
    """Union-find over 0..n-1; the smallest member is a set's root, which keeps the
    components in declaration order."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(self, members: Sequence[int]) -> None:
        for other in members[1:]:
            a, b = self.find(members[0]), self.find(other)
            if a != b:
                self.parent[max(a, b)] = min(a, b)


def _refuse_impossible_constants(problem: Problem) -> None:
    """A constraint without variables (all its cells pinned away) must still admit 0."""
    for constraint in problem.constraints:
        if not constraint.terms and not constraint.admits(0):
            raise InfeasibleError([constraint.why], [constraint.why])


def _components(problem: Problem, targets: Sequence[Target]) -> list[_Component]:
    """Split the problem into independent groups of variables and solve-ready pieces.

    Variables are linked by sharing a constraint or a target.  Every component with a
    constraint is included, targets or not, because a contradiction anywhere means the
    figures are wrong and must be reported.  Components come in declaration order of
    their first variable, which keeps the seeded random objectives reproducible.
    """
    _refuse_impossible_constants(problem)
    variables = list(problem.variables.values())
    index = {variable.name: i for i, variable in enumerate(variables)}
    sets = _DisjointSets(len(variables))
    linked = [c for c in problem.constraints if c.terms]
    for terms in [c.terms for c in linked] + [t.terms for t in targets]:
        sets.link([index[name] for name in terms])

    def root_of(terms: Mapping[Hashable, int]) -> int:
        return sets.find(index[next(iter(terms))])

    constraints_by_root: dict[int, list[Constraint]] = {}
    for constraint in linked:
        constraints_by_root.setdefault(root_of(constraint.terms), []).append(constraint)
    targets_by_root: dict[int, list[tuple[int, Target]]] = {}
    for position, target in enumerate(targets):
        targets_by_root.setdefault(root_of(target.terms), []).append((position, target))

    members_by_root: dict[int, list[Variable]] = {}
    for i, variable in enumerate(variables):
        root = sets.find(i)
        if root in constraints_by_root or root in targets_by_root:
            members_by_root.setdefault(root, []).append(variable)

    return [
        _Component(
            members,
            constraints_by_root.get(root, []),
            targets_by_root.get(root, []),
            seed=number,
        )
        for number, (root, members) in enumerate(members_by_root.items())
    ]


def _matrix(rows: Sequence[Mapping[Hashable, int]], index: Mapping[Hashable, int]) -> csr_array:
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


def _exact_products(matrix: csr_array, point: np.ndarray) -> list[int]:
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


def _run_milp(
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
    if result.status == _OTHER and not np.any(objective):
        options["presolve"] = False
        result = milp(
            objective,
            integrality=integrality,
            bounds=bounds,
            constraints=constraints,
            options=options,
        )
    return int(result.status), result.x


def _implied_highs(
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
                    least.append(
                        c * lows[j] if c > 0 else (None if highs[j] is None else c * highs[j])
                    )
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
                    if bound > _MAX_EXACT:
                        continue  # would not survive the trip to float intact
                    if bound >= lows[j] and (highs[j] is None or bound < highs[j]):
                        highs[j] = bound
                        changed = True
        if not changed:
            break
    return highs


class _Component:
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
        implied = _implied_highs(variables, self.constraints)
        self.free = np.array([h is None for h in implied])
        self.unbounded = bool(self.free.any())
        self.bounds = Bounds(
            self.low.astype(float), np.array([np.inf if h is None else h for h in implied], float)
        )

        self.a = _matrix([c.terms for c in self.constraints], index)
        self.row_low = np.array(
            [-np.inf if c.low is None else c.low for c in self.constraints], dtype=float
        )
        self.row_high = np.array(
            [np.inf if c.high is None else c.high for c in self.constraints], dtype=float
        )

        self.positions = [position for position, _ in targets]
        self.targets = [target for _, target in targets]
        self.t = _matrix([t.terms for t in self.targets], index)
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
        if x is None or not np.all(np.isfinite(x)) or np.max(np.abs(x), initial=0) >= _MAX_EXACT:
            raise SolverError(f"HiGHS returned an unusable point {x!r}")
        point = np.rint(x).astype(np.int64)
        bad_bounds = (point < self.low) | (self.high_known & (point > self.high))
        if bad_bounds.any():
            raise SolverError(
                "HiGHS returned a point that breaks a variable's bounds after rounding"
            )
        for constraint, activity in zip(
            self.constraints, _exact_products(self.a, point), strict=True
        ):
            if not constraint.admits(activity):
                raise SolverError(
                    f"HiGHS returned a point that breaks {constraint.why!r} after rounding "
                    f"(sum {activity}, allowed {constraint.low}..{constraint.high})"
                )
        return point

    def _values(self, point: np.ndarray) -> list[int]:
        return _exact_products(self.t, point)

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
        status, x = _run_milp(np.zeros(self.size), self.bounds, self._figures(target, low, high))
        if status == _INFEASIBLE:
            return None
        if status != _OPTIMAL:
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
            status, _ = _run_milp(
                np.zeros(self.size), self.declared_bounds, self._some_figures(trial)
            )
            if status == _INFEASIBLE:
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
                status, x = _run_milp(objective, bounds, figures)
                if start is None:
                    # This solve is the feasibility proof: no leniency.
                    if status == _INFEASIBLE:
                        raise self._infeasible()
                    if status != _OPTIMAL:
                        raise SolverError(
                            f"HiGHS could not solve a bounded problem (status {status})"
                        )
                    start = self._verified(x)
                    point = start
                elif status != _OPTIMAL:
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

    def _extreme(self, i: int, *, smallest: bool) -> int | None:
        """The exact minimum (or maximum) of target ``i``; ``None`` if unbounded."""
        if self.unbounded and self._recedes(i, smallest=smallest):
            return None
        sign = 1.0 if smallest else -1.0
        objective = sign * self.t_float[[i]].toarray().ravel()
        status, x = _run_milp(objective, self.bounds, self._figures(), exact_optimum=True)
        if status == _INFEASIBLE:
            raise self._infeasible()
        if status != _OPTIMAL:
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
        status, _ = _run_milp(np.zeros(self.size), steps, cone, integral=False)
        if status == _OPTIMAL:
            return True
        if status == _INFEASIBLE:
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
