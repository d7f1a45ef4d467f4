"""Evaluations' tables, one module per concern: rubrics, and the evaluations that use them."""

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
