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
