from django.urls import include, path

from activity.views import public_complaints, public_report, staff, staff_complaints, staff_reports

app_urls = [
    path("public/activity/", public_report.report_index, name="public-reports"),
    path(
        "public/activity/<str:district_code>/<str:period_name>/",
        public_report.report_page,
        name="public-report",
    ),
    path(
        "public/activity/<str:district_code>/<str:period_name>/report.<str:fmt>",
        public_report.report_download,
        name="public-report-download",
    ),
    path("public/complaints/track/", public_complaints.complaint_track, name="complaint-track"),
    path(
        "public/complaints/<str:district_code>/",
        public_complaints.complaint_new,
        name="complaint-new",
    ),
    path("activity/", staff.incident_list, name="incidents"),
    path("activity/incidents/new/", staff.incident_new, name="incident-new"),
    path("activity/incidents/<int:pk>/", staff.incident_edit, name="incident-edit"),
    path("activity/imports/", staff.import_upload, name="import-upload"),
    path("activity/imports/<int:pk>/", staff.import_detail, name="import-detail"),
    path("activity/complaints/", staff_complaints.complaint_list, name="complaints"),
    path("activity/complaints/<int:pk>/", staff_complaints.complaint_detail, name="complaint"),
    path("activity/reports/", staff_reports.report_publish_view, name="reports"),
    path(
        "activity/reports/<int:pk>/unpublish/",
        staff_reports.report_unpublish_view,
        name="report-unpublish",
    ),
]

urlpatterns = [path("", include((app_urls, "activity")))]

# Issue 20 (complaints): the received page after a sent form, and a complaint's files.
app_urls += [
    path(
        "public/complaints/<str:district_code>/received/",
        public_complaints.complaint_received,
        name="complaint-received",
    ),
    path(
        "activity/complaints/attachments/<int:pk>/",
        staff_complaints.complaint_attachment,
        name="complaint-attachment",
    ),
]
urlpatterns = [path("", include((app_urls, "activity")))]
