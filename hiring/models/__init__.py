from .guidelines import SCORE_MAX, SCORE_MIN, HiringGuideline, SelectionCriterion
from .selections import (
    Panelist,
    PanelistKind,
    PanelScore,
    SelectionDecision,
    SelectionRecord,
    SelectionStatus,
)

__all__ = [
    "SCORE_MAX",
    "SCORE_MIN",
    "HiringGuideline",
    "PanelScore",
    "Panelist",
    "PanelistKind",
    "SelectionCriterion",
    "SelectionDecision",
    "SelectionRecord",
    "SelectionStatus",
]
