from django.urls import path

from activity import apis

urlpatterns = [
    path("activity/incidents/", apis.IncidentListApi.as_view(), name="activity-incident-list"),
    path("activity/incidents/new/", apis.IncidentCreateApi.as_view(), name="activity-incident-create"),
    path("activity/incidents/<int:pk>/", apis.IncidentDetailApi.as_view(), name="activity-incident-detail"),
    path("activity/imports/", apis.ActivityImportApi.as_view(), name="activity-import"),
    path("activity/enrollment/", apis.EnrollmentListApi.as_view(), name="activity-enrollment-list"),
    path("activity/enrollment/set/", apis.EnrollmentSetApi.as_view(), name="activity-enrollment-set"),
    path("activity/complaints/", apis.ComplaintListApi.as_view(), name="activity-complaint-list"),
    path("activity/complaints/<int:pk>/", apis.ComplaintDetailApi.as_view(), name="activity-complaint-detail"),
    path("activity/complaints/<int:pk>/update/", apis.ComplaintUpdateApi.as_view(), name="activity-complaint-update"),
    path("activity/metrics/", apis.OfficerActivityMetricsApi.as_view(), name="activity-metrics"),
]
