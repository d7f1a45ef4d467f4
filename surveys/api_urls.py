from django.urls import path

from surveys import apis

urlpatterns = [
    path("surveys/responses/", apis.SurveyResponseSubmitApi.as_view(), name="survey-response-submit"),
    path("surveys/campaigns/", apis.CampaignListApi.as_view(), name="survey-campaign-list"),
    path("surveys/campaigns/<int:pk>/", apis.CampaignDetailApi.as_view(), name="survey-campaign-detail"),
    path("surveys/campaigns/<int:pk>/response-rates/", apis.CampaignResponseRatesApi.as_view(),
         name="survey-campaign-response-rates"),
    path("surveys/campaigns/<int:pk>/codes/", apis.CampaignCodesIssueApi.as_view(), name="survey-campaign-codes"),
    path("surveys/templates/", apis.SurveyTemplateListApi.as_view(), name="survey-template-list"),
    path("surveys/results/officers/<int:pk>/", apis.OfficerSurveyResultsApi.as_view(),
         name="survey-officer-results"),
    path("surveys/results/schools/<int:pk>/", apis.SchoolSurveyResultsApi.as_view(), name="survey-school-results"),
]
