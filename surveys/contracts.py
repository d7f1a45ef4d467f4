"""What flags and packets may read from surveys: the contract selectors of
docs/contracts.md and the types they return. import-linter lets the apps above import
surveys through this module only (pyproject.toml)."""

from surveys.models import QuestionKind
from surveys.selectors.answer_split import Split, answer_split
from surveys.selectors.program import SurveyGroupCoverage, survey_coverage_for_district
from surveys.selectors.results import (
    GroupResults,
    OfficerSurveyResults,
    QuestionResult,
    SchoolSurveyResults,
    survey_results_for_officers,
    survey_results_for_schools,
)

__all__ = [
    "GroupResults",
    "OfficerSurveyResults",
    "QuestionKind",
    "QuestionResult",
    "SchoolSurveyResults",
    "Split",
    "SurveyGroupCoverage",
    "answer_split",
    "survey_coverage_for_district",
    "survey_results_for_officers",
    "survey_results_for_schools",
]
