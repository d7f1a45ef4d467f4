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
from .packets import (
    BATCH_JOB_KIND,
    Packet,
    PacketBuildItem,
    PacketBuildStatus,
    PacketStatus,
    PacketVersion,
)
from .removals import RemovalRequest, RemovalStatus
from .rubrics import Competency, PerformanceLevel, Rubric

__all__ = [
    "BATCH_JOB_KIND",
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
    "Packet",
    "PacketBuildItem",
    "PacketBuildStatus",
    "PacketStatus",
    "PacketVersion",
    "PerformanceLevel",
    "Rating",
    "RemovalRequest",
    "RemovalStatus",
    "Rubric",
]
