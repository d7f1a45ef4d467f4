"""Evaluations' tables, one module per concern: rubrics and evaluations (issue 4),
flags and removal requests (issue 8), packets (issue 7)."""

from .evaluations import (
    Evaluation,
    EvaluationAttachment,
    EvaluationStatus,
    ObservationNote,
    Rating,
)
from .packets import (
    BATCH_JOB_KIND,
    Packet,
    PacketBuildItem,
    PacketBuildStatus,
    PacketStatus,
    PacketVersion,
)
from .rubrics import Competency, PerformanceLevel, Rubric

__all__ = [
    "BATCH_JOB_KIND",
    "Competency",
    "Evaluation",
    "EvaluationAttachment",
    "EvaluationStatus",
    "ObservationNote",
    "Packet",
    "PacketBuildItem",
    "PacketBuildStatus",
    "PacketStatus",
    "PacketVersion",
    "PerformanceLevel",
    "Rating",
    "Rubric",
]
