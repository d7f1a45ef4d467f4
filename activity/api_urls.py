from django.urls import path

from activity import apis

urlpatterns = [
    path("incidents/", apis.IncidentListApi.as_view(), name="activity-incident-list"),
    path("incidents/new/", apis.IncidentCreateApi.as_view(), name="activity-incident-create"),
    path("incidents/<int:pk>/", apis.IncidentDetailApi.as_view(), name="activity-incident-detail"),
    path("imports/", apis.ActivityImportApi.as_view(), name="activity-import"),
    path("enrollment/", apis.EnrollmentListApi.as_view(), name="activity-enrollment-list"),
    path("enrollment/set/", apis.EnrollmentSetApi.as_view(), name="activity-enrollment-set"),
    path("complaints/", apis.ComplaintListApi.as_view(), name="activity-complaint-list"),
    path(
        "complaints/<int:pk>/", apis.ComplaintDetailApi.as_view(), name="activity-complaint-detail"
    ),
    path(
        "complaints/<int:pk>/update/",
        apis.ComplaintUpdateApi.as_view(),
        name="activity-complaint-update",
    ),
    path("metrics/", apis.OfficerActivityMetricsApi.as_view(), name="activity-metrics"),
]
