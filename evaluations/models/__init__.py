"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""

from .flags import Comparison, Flag, FlagRule, FlagSeverity, FlagStatus  # noqa: F401
from .removals import RemovalRequest, RemovalStatus  # noqa: F401
