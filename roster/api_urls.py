from django.urls import path

from roster.apis import accounts, imports, jobs, mous, officers, organisations

urlpatterns = [
    path("me/", accounts.MeApi.as_view(), name="me"),
    path("districts/", organisations.DistrictListApi.as_view(), name="district-list"),
    path("districts/<int:pk>/", organisations.DistrictDetailApi.as_view(), name="district-detail"),
    path("schools/", organisations.SchoolListApi.as_view(), name="school-list"),
    path("schools/<int:pk>/", organisations.SchoolDetailApi.as_view(), name="school-detail"),
    path("agencies/", organisations.AgencyListApi.as_view(), name="agency-list"),
    path("agencies/link/", organisations.AgencyLinkApi.as_view(), name="agency-link"),
    path("agencies/<int:pk>/", organisations.AgencyDetailApi.as_view(), name="agency-detail"),
    path("officers/", officers.OfficerListApi.as_view(), name="officer-list"),
    path("officers/<int:pk>/", officers.OfficerDetailApi.as_view(), name="officer-detail"),
    path("assignments/", officers.AssignmentListApi.as_view(), name="assignment-list"),
    path("assignments/<int:pk>/", officers.AssignmentDetailApi.as_view(), name="assignment-detail"),
    path("mous/", mous.MOUListApi.as_view(), name="mou-list"),
    path("mous/<int:pk>/", mous.MOUDetailApi.as_view(), name="mou-detail"),
    path("periods/", organisations.PeriodListApi.as_view(), name="period-list"),
    path("roster/imports/", imports.RosterImportApi.as_view(), name="roster-import"),
    path("jobs/", jobs.JobListApi.as_view(), name="job-list"),
    path("jobs/<int:pk>/", jobs.JobDetailApi.as_view(), name="job-detail"),
]
