"""Flags' tables: rules and the flags they raise, and removal requests (which cite flags).

The tables kept the names they had in ``evaluations`` (``db_table``), so moving the
models between apps changed no data (flags/migrations/0001_initial.py).
"""

from .flags import Comparison, Flag, FlagRule, FlagSeverity, FlagStatus
from .removals import RemovalRequest, RemovalStatus

__all__ = [
    "Comparison",
    "Flag",
    "FlagRule",
    "FlagSeverity",
    "FlagStatus",
    "RemovalRequest",
    "RemovalStatus",
]
