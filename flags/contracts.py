"""What packets may read from flags: flags and removal requests per officer and period
(docs/contracts.md) and the types they return. import-linter lets packets import flags
through this module only (pyproject.toml)."""

from flags.selectors.flags import FlagSummary, flags_for_officers
from flags.selectors.removals import RemovalRequestSummary, removal_requests_for_officers

__all__ = [
    "FlagSummary",
    "RemovalRequestSummary",
    "flags_for_officers",
    "removal_requests_for_officers",
]


def metric_unit(metric: str) -> str:
    """The unit of a rule metric's value ("%", "days", "x median"); "" when it has none."""
    # Imported here: this file is shared and grows by appending only.
    from flags.rules.registry import metric_spec

    spec = metric_spec(metric)
    return spec.unit if spec else ""


# The SECURe self-assessment (selfassessment) reads removal requests' timeliness.
from flags.selectors.program import (  # noqa: E402  (appended: this file grows by appending)
    RemovalTimeliness,
    removal_timeliness_for_district,
)

__all__ += ["RemovalTimeliness", "removal_timeliness_for_district"]
