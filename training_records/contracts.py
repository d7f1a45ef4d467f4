"""What flags and packets may read from training_records: the contract selectors of
docs/contracts.md and the types they return. import-linter lets the apps above import
training_records through this module only (pyproject.toml)."""

from training_records.compliance import ComplianceStatus
from training_records.selectors import (
    OfficerCompliance,
    category_labels,
    compliance_for_officers,
    training_hours_by_category,
)

__all__ = [
    "ComplianceStatus",
    "OfficerCompliance",
    "category_labels",
    "compliance_for_officers",
    "training_hours_by_category",
]
