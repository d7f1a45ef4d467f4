"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""

from .evaluations import (
    Evaluation,
    EvaluationAttachment,
    EvaluationStatus,
    ObservationNote,
    Rating,
)
from .rubrics import Competency, PerformanceLevel, Rubric

__all__ = [
    "Competency",
    "Evaluation",
    "EvaluationAttachment",
    "EvaluationStatus",
    "ObservationNote",
    "PerformanceLevel",
    "Rating",
    "Rubric",
]
