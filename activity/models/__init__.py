from .complaints import (
    Allegation,
    Complaint,
    ComplaintAttachment,
    ComplaintSource,
    ComplaintStatus,
)
from .demographics import Dimension, Disability, EnglishLearner, Grade, RaceEthnicity, Sex
from .enrollment import Enrollment
from .incidents import (
    ALTERNATIVE_TYPES,
    FORMAL_TYPES,
    ActionType,
    EnforcementAction,
    ForceLevel,
    Incident,
    OffenseCategory,
)
from .reports import ActivityImport, ActivityImportStatus, PublishedReport, ReportRelease

__all__ = [
    "ALTERNATIVE_TYPES",
    "FORMAL_TYPES",
    "ActionType",
    "ActivityImport",
    "ActivityImportStatus",
    "Allegation",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintSource",
    "ComplaintStatus",
    "Dimension",
    "Disability",
    "EnforcementAction",
    "EnglishLearner",
    "Enrollment",
    "ForceLevel",
    "Grade",
    "Incident",
    "OffenseCategory",
    "PublishedReport",
    "RaceEthnicity",
    "ReportRelease",
    "Sex",
]
