"""Every read of the surveys app. ``survey_results_for_officers`` is the cross-app
contract (docs/contracts.md) that packets and flags call."""

from surveys.selectors.results import (
    Figure,
    GroupResults,
    OfficerSurveyResults,
    QuestionResult,
    SchoolSurveyResults,
    survey_results_for_officers,
    survey_results_for_schools,
)

__all__ = [
    "Figure",
    "GroupResults",
    "OfficerSurveyResults",
    "QuestionResult",
    "SchoolSurveyResults",
    "survey_results_for_officers",
    "survey_results_for_schools",
]
