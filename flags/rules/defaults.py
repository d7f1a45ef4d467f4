"""The rules a district starts with; the coordinator edits them from there.

Numbers follow common early-intervention practice (a warning level that asks for a
look, a critical level that asks for action) and are only starting points: every
threshold is stored on the district's rule and editable.
"""

from __future__ import annotations

from decimal import Decimal

from flags.models import Comparison, FlagSeverity

DEFAULT_RULES: list[dict] = [
    {
        "code": "critical-unsatisfactory",
        "name": "Critical competency rated Unsatisfactory",
        "description": "A submitted evaluation rates a critical competency (such as de-escalation) Unsatisfactory.",
        "metric": "critical_unsatisfactory",
        "comparison": Comparison.AT_LEAST,
        "warning_threshold": Decimal("1"),
        "warning_severity": FlagSeverity.REVIEW,
        "critical_threshold": Decimal("2"),
        "critical_severity": FlagSeverity.REMOVAL,
    },
    {
        "code": "overall-rating",
        "name": "Low overall rating",
        "description": "A submitted evaluation's overall rating is at or below a level (1 Unsatisfactory to 4).",
        "metric": "overall_rating",
        "comparison": Comparison.AT_MOST,
        "warning_threshold": Decimal("2"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("1"),
        "critical_severity": FlagSeverity.REVIEW,
    },
    {
        "code": "training-overdue",
        "name": "Required training overdue",
        "description": "A required course is overdue by more than N days.",
        "metric": "training_overdue_days",
        "comparison": Comparison.ABOVE,
        "warning_threshold": Decimal("30"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("90"),
        "critical_severity": FlagSeverity.REVIEW,
    },
    {
        "code": "sustained-complaints",
        "name": "Sustained complaints",
        "description": "N or more sustained complaints in the last M months.",
        "metric": "sustained_complaints",
        "comparison": Comparison.AT_LEAST,
        "warning_threshold": Decimal("2"),
        "warning_severity": FlagSeverity.REVIEW,
        "critical_threshold": Decimal("3"),
        "critical_severity": FlagSeverity.REMOVAL,
        "window_months": 12,
    },
    {
        "code": "use-of-force",
        "name": "Use of force",
        "description": "Any use of force at or above a level (1 soft control, 2 hard control, 3 less-lethal weapon, "
        "4 deadly force).",
        "metric": "use_of_force_level",
        "comparison": Comparison.AT_LEAST,
        "warning_threshold": Decimal("2"),
        "warning_severity": FlagSeverity.REVIEW,
        "critical_threshold": Decimal("3"),
        "critical_severity": FlagSeverity.REMOVAL,
    },
    {
        "code": "alternatives-share",
        "name": "Few incidents handled with alternatives",
        "description": "The share of incidents handled with an alternative to arrest or citation is below X%, "
        "judged only with at least N incidents.",
        "metric": "alternatives_share",
        "comparison": Comparison.BELOW,
        "warning_threshold": Decimal("50"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("25"),
        "critical_severity": FlagSeverity.REVIEW,
        "min_sample": 10,
    },
    {
        "code": "arrest-rate-median",
        "name": "Arrest rate far above the district median",
        "description": "Arrests per 1,000 students above X times the district median.",
        "metric": "arrest_rate_vs_median",
        "comparison": Comparison.ABOVE,
        "warning_threshold": Decimal("2"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("3"),
        "critical_severity": FlagSeverity.REVIEW,
    },
    {
        "code": "arrest-rate-percentile",
        "name": "Arrest rate in the top percentile of peers",
        "description": "Arrests per 1,000 students at or above the Xth percentile of the district's officers.",
        "metric": "arrest_rate_percentile",
        "comparison": Comparison.AT_LEAST,
        "warning_threshold": Decimal("90"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("99"),
        "critical_severity": FlagSeverity.REVIEW,
        "min_sample": 5,
    },
    {
        "code": "survey-favourability",
        "name": "Low survey favourability",
        "description": "Percent favourable on a chosen question is below X%, where the group meets k.",
        "metric": "survey_favourability",
        "question_code": "respect",
        "comparison": Comparison.BELOW,
        "warning_threshold": Decimal("60"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("40"),
        "critical_severity": FlagSeverity.REVIEW,
    },
    {
        "code": "ordinary-discipline",
        "name": "Enforcement in ordinary school discipline",
        "description": "N or more actions that were ordinary school discipline matters.",
        "metric": "ordinary_discipline_actions",
        "comparison": Comparison.AT_LEAST,
        "warning_threshold": Decimal("1"),
        "warning_severity": FlagSeverity.WATCH,
        "critical_threshold": Decimal("3"),
        "critical_severity": FlagSeverity.REVIEW,
    },
]
