"""Every read of the surveys app. ``survey_results_for_officers`` is the cross-app
contract (docs/contracts.md) that packets and flags call."""

from surveys.selectors.campaigns import (
    ResponseRate,
    campaign_response_rates,
    campaigns_managed,
    campaigns_visible,
    late_code_batches,
    officers_with_results,
    period_for_results,
    periods_with_surveys,
    response_count_step,
    schools_with_results,
    templates_visible,
)
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
    "ResponseRate",
    "SchoolSurveyResults",
    "campaign_response_rates",
    "campaigns_managed",
    "campaigns_visible",
    "late_code_batches",
    "officers_with_results",
    "period_for_results",
    "periods_with_surveys",
    "response_count_step",
    "schools_with_results",
    "survey_results_for_officers",
    "survey_results_for_schools",
    "templates_visible",
]
