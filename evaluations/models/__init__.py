"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""

from .evaluations import (
    Evaluation,
    EvaluationAttachment,
    EvaluationStatus,
    ObservationNote,
    Rating,
)
from .flags import Comparison, Flag, FlagRule, FlagSeverity, FlagStatus
from .removals import RemovalRequest, RemovalStatus
from .rubrics import Competency, PerformanceLevel, Rubric

__all__ = [
    "Comparison",
    "Competency",
    "Evaluation",
    "EvaluationAttachment",
    "EvaluationStatus",
    "Flag",
    "FlagRule",
    "FlagSeverity",
    "FlagStatus",
    "ObservationNote",
    "PerformanceLevel",
    "Rating",
    "RemovalRequest",
    "RemovalStatus",
    "Rubric",
]
