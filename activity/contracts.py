"""What flags and packets may read from activity: the contract selectors of
docs/contracts.md and the types they return. import-linter lets the apps above import
activity through this module only (pyproject.toml)."""

from activity.selectors.contracts import (
    DistrictActivityFigures,
    activity_metrics_for_officers,
    district_activity_figures,
)
from activity.selectors.metrics import OfficerActivityMetrics
from activity.selectors.program import (
    ComplaintOutcomes,
    PublicReportStatus,
    complaint_outcomes_for_district,
    public_report_status_for_periods,
)

__all__ = [
    "ComplaintOutcomes",
    "DistrictActivityFigures",
    "OfficerActivityMetrics",
    "PublicReportStatus",
    "activity_metrics_for_officers",
    "complaint_outcomes_for_district",
    "district_activity_figures",
    "public_report_status_for_periods",
]
