"""What flags and packets may read from activity: the contract selectors of
docs/contracts.md and the types they return. import-linter lets the apps above import
activity through this module only (pyproject.toml)."""

from activity.selectors.contracts import (
    DistrictActivityFigures,
    activity_metrics_for_officers,
    district_activity_figures,
)
from activity.selectors.metrics import OfficerActivityMetrics

__all__ = [
    "DistrictActivityFigures",
    "OfficerActivityMetrics",
    "activity_metrics_for_officers",
    "district_activity_figures",
]
