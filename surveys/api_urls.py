from django.urls import path

from surveys import apis

urlpatterns = [
    path("responses/", apis.SurveyResponseSubmitApi.as_view(), name="survey-response-submit"),
    path("campaigns/", apis.CampaignListApi.as_view(), name="survey-campaign-list"),
    path("campaigns/<int:pk>/", apis.CampaignDetailApi.as_view(), name="survey-campaign-detail"),
    path(
        "campaigns/<int:pk>/response-rates/",
        apis.CampaignResponseRatesApi.as_view(),
        name="survey-campaign-response-rates",
    ),
    path(
        "campaigns/<int:pk>/codes/",
        apis.CampaignCodesIssueApi.as_view(),
        name="survey-campaign-codes",
    ),
    path(
        "campaigns/<int:pk>/release/",
        apis.CampaignReleaseApi.as_view(),
        name="survey-campaign-release",
    ),
    path("templates/", apis.SurveyTemplateListApi.as_view(), name="survey-template-list"),
    path(
        "results/officers/<int:pk>/",
        apis.OfficerSurveyResultsApi.as_view(),
        name="survey-officer-results",
    ),
    path(
        "results/schools/<int:pk>/",
        apis.SchoolSurveyResultsApi.as_view(),
        name="survey-school-results",
    ),
]
