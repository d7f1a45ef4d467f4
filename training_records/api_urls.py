from django.urls import path

from training_records import apis

urlpatterns = [
    path("training/courses/", apis.CourseListApi.as_view(), name="training-course-list"),
    path("training/courses/imports/", apis.CourseCatalogImportApi.as_view(), name="training-course-import"),
    path("training/requirements/", apis.RequirementListApi.as_view(), name="training-requirement-list"),
    path("training/requirements/create/", apis.RequirementCreateApi.as_view(), name="training-requirement-create"),
    path("training/requirements/<int:pk>/", apis.RequirementDeleteApi.as_view(), name="training-requirement-delete"),
    path("training/records/", apis.RecordListApi.as_view(), name="training-record-list"),
    path("training/records/create/", apis.RecordCreateApi.as_view(), name="training-record-create"),
    path("training/records/<int:pk>/", apis.RecordDetailApi.as_view(), name="training-record-detail"),
    path("training/records/<int:pk>/verify/", apis.RecordVerifyApi.as_view(), name="training-record-verify"),
    path("training/compliance/", apis.ComplianceListApi.as_view(), name="training-compliance-list"),
    path("training/officers/<int:pk>/compliance/", apis.OfficerComplianceApi.as_view(), name="training-officer-compliance"),
    path("training/officers/<int:pk>/hours/", apis.OfficerTrainingHoursApi.as_view(), name="training-officer-hours"),
    path("training/officers/<int:pk>/transcript/", apis.OfficerTranscriptExportApi.as_view(), name="training-officer-transcript"),
    path("training/agencies/<int:pk>/compliance-report/", apis.AgencyComplianceReportApi.as_view(), name="training-agency-report"),
    path("training/agencies/<int:pk>/column-mapping/", apis.ColumnMappingDetailApi.as_view(), name="training-column-mapping"),
    path("training/agencies/<int:pk>/column-mapping/update/", apis.ColumnMappingUpdateApi.as_view(), name="training-column-mapping-update"),
    path("training/imports/", apis.ImportListApi.as_view(), name="training-import-list"),
    path("training/imports/upload/", apis.ImportUploadApi.as_view(), name="training-import-upload"),
    path("training/imports/<int:pk>/", apis.ImportDetailApi.as_view(), name="training-import-detail"),
    path("training/imports/<int:pk>/confirm/", apis.ImportConfirmApi.as_view(), name="training-import-confirm"),
    path("training/staff-sessions/", apis.StaffSessionListApi.as_view(), name="training-staff-session-list"),
    path("training/staff-sessions/create/", apis.StaffSessionCreateApi.as_view(), name="training-staff-session-create"),
]
