from .memberships import Membership, Role
from .organisations import MOU, Agency, District, EvaluationPeriod, School, SchoolLevel
from .people import Assignment, Officer

__all__ = [
    "MOU",
    "Agency",
    "Assignment",
    "District",
    "EvaluationPeriod",
    "Membership",
    "Officer",
    "Role",
    "School",
    "SchoolLevel",
]
