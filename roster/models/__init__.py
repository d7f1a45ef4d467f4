from .imports import RosterColumnMapping, RosterImport, RosterImportStatus, RosterKind
from .memberships import Membership, Role
from .organisations import MOU, Agency, District, EvaluationPeriod, School, SchoolLevel
from .people import Assignment, FormOfAddress, Officer

__all__ = [
    "MOU",
    "Agency",
    "Assignment",
    "District",
    "EvaluationPeriod",
    "FormOfAddress",
    "Membership",
    "Officer",
    "Role",
    "RosterColumnMapping",
    "RosterImport",
    "RosterImportStatus",
    "RosterKind",
    "School",
    "SchoolLevel",
]
