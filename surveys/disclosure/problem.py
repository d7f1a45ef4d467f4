"""The reader's knowledge as a problem: hidden counts, published figures, targets.

Pure data with exact integer checks at the door, no SciPy: callers build a
:class:`Problem` and :mod:`surveys.disclosure.solver` answers it (its docstring says why
the answers can be trusted).
"""

from __future__ import annotations

import operator
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

# Integers up to 2**53 are exact as float64, which is what HiGHS computes in.  Larger
# figures could be silently rounded on the way in, so they are refused at the door.
MAX_EXACT = 2**53


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
    if abs(number) > MAX_EXACT:
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

    # The terms' names only need to be hashable; Mapping[Hashable, int] would refuse a dict
    # keyed by tuples, Mapping being invariant in its key type.
    def add_constraint(
        self, terms: Mapping[Any, int], low: int | None, high: int | None, why: str
    ) -> Constraint:
        """Record a published figure as ``low <= sum(coef * var) <= high``.

        A constraint with no terms is allowed (a figure over an empty set of counts);
        it contradicts the others unless ``low <= 0 <= high``.
        """
        constraint = Constraint(terms, low, high, why)
        self.check_known(constraint.terms, f"constraint {why!r}")
        self._constraints.append(constraint)
        return constraint

    def add_target(self, name: Hashable, terms: Mapping[Any, int], why: str) -> Target:
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
