"""What flags and packets may read from evaluations: the contract selector of
docs/contracts.md, the types it returns and the statuses that count as signed.
import-linter lets the apps above import evaluations through this module only
(pyproject.toml)."""

from evaluations.models.evaluations import SIGNED_STATUSES
from evaluations.models.rubrics import PerformanceLevel
from evaluations.selectors.evaluations import (
    CompetencyRatingSummary,
    EvaluationSummary,
    ObservationNoteSummary,
    evaluation_summaries,
)

__all__ = [
    "SIGNED_STATUSES",
    "CompetencyRatingSummary",
    "EvaluationSummary",
    "ObservationNoteSummary",
    "PerformanceLevel",
    "evaluation_summaries",
]
