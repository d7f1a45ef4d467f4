"""Every read of the activity app; the cross-app contract is re-exported here."""

from .contracts import (
    DistrictActivityFigures,
    activity_metrics_for_officers,
    district_activity_figures,
)
from .metrics import ActivityMetrics, GroupRate, OfficerActivityMetrics, SustainedComplaint

__all__ = [
    "ActivityMetrics",
    "DistrictActivityFigures",
    "GroupRate",
    "OfficerActivityMetrics",
    "SustainedComplaint",
    "activity_metrics_for_officers",
    "district_activity_figures",
]
