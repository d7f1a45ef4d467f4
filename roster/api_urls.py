from django.urls import path

from roster import apis

urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("districts/", apis.DistrictListApi.as_view(), name="district-list"),
    path("districts/<int:pk>/", apis.DistrictDetailApi.as_view(), name="district-detail"),
    path("schools/", apis.SchoolListApi.as_view(), name="school-list"),
    path("schools/<int:pk>/", apis.SchoolDetailApi.as_view(), name="school-detail"),
    path("agencies/", apis.AgencyListApi.as_view(), name="agency-list"),
    path("agencies/<int:pk>/", apis.AgencyDetailApi.as_view(), name="agency-detail"),
    path("officers/", apis.OfficerListApi.as_view(), name="officer-list"),
    path("officers/<int:pk>/", apis.OfficerDetailApi.as_view(), name="officer-detail"),
    path("assignments/", apis.AssignmentListApi.as_view(), name="assignment-list"),
    path("mous/", apis.MOUListApi.as_view(), name="mou-list"),
    path("mous/<int:pk>/", apis.MOUDetailApi.as_view(), name="mou-detail"),
    path("periods/", apis.PeriodListApi.as_view(), name="period-list"),
    path("roster/imports/", apis.RosterImportApi.as_view(), name="roster-import"),
    path("jobs/", apis.JobListApi.as_view(), name="job-list"),
    path("jobs/<int:pk>/", apis.JobDetailApi.as_view(), name="job-detail"),
]
