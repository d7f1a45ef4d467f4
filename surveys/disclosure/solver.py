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

The solver is pure: it knows nothing of Django, surveys or schools.  Callers translate
their published figures into a :class:`~surveys.disclosure.problem.Problem` and read back
:class:`~surveys.disclosure.problem.Range` values.  Here: splitting into components;
:mod:`~surveys.disclosure.component` solves one, on the exact arithmetic and the HiGHS call
in :mod:`~surveys.disclosure.highs`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

from surveys.disclosure.component import Component
from surveys.disclosure.problem import (
    Constraint,
    InfeasibleError,
    Problem,
    Range,
    Target,
    Variable,
)


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


def _components(problem: Problem, targets: Sequence[Target]) -> list[Component]:
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
        Component(
            members,
            constraints_by_root.get(root, []),
            targets_by_root.get(root, []),
            seed=number,
        )
        for number, (root, members) in enumerate(members_by_root.items())
    ]
