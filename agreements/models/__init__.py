from .comments import PublicComment
from .reviews import (
    MOUReview,
    ParticipantKind,
    ReviewDecision,
    ReviewParticipant,
    ReviewStatus,
)
from .versions import Clause, MOUClause, MOUVersion

__all__ = [
    "Clause",
    "MOUClause",
    "MOUReview",
    "MOUVersion",
    "ParticipantKind",
    "PublicComment",
    "ReviewDecision",
    "ReviewParticipant",
    "ReviewStatus",
]
