"""Statistical disclosure audit for published survey figures.

The solver is pure (no Django); see :mod:`surveys.disclosure.solver` for why it works the
way it does.  Importing this package pulls in SciPy, so import it only where audits run.
"""

from __future__ import annotations

from surveys.disclosure.problem import (
    Constraint,
    InfeasibleError,
    Problem,
    Range,
    SolverError,
    Target,
    Variable,
)
from surveys.disclosure.solver import pinned, solve_ranges

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
