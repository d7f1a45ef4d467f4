from django.urls import include, path

from training_records import views

app_urls = [
    path("training/", views.dashboard, name="dashboard"),
    path("training/catalog/", views.catalog, name="catalog"),
    path(
        "training/requirements/<int:pk>/delete/",
        views.requirement_delete,
        name="requirement_delete",
    ),
    path("training/officers/<int:pk>/", views.officer_transcript, name="officer"),
    path(
        "training/officers/<int:pk>/transcript.<str:fmt>",
        views.transcript_download,
        name="transcript_download",
    ),
    path(
        "training/agencies/<int:pk>/compliance.<str:fmt>",
        views.compliance_report_download,
        name="report_download",
    ),
    path("training/agencies/<int:pk>/columns/", views.column_mapping, name="column_mapping"),
    path("training/records/<int:pk>/verify/", views.record_verify, name="record_verify"),
    path("training/imports/", views.import_list, name="imports"),
    path("training/imports/<int:pk>/", views.import_detail, name="import"),
    path("training/imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("training/staff-sessions/", views.staff_sessions, name="staff_sessions"),
]

urlpatterns = [path("", include((app_urls, "training_records")))]
