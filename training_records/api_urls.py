from django.urls import path

from training_records.apis import catalog, compliance, imports, records

urlpatterns = [
    path("training/courses/", catalog.CourseListApi.as_view(), name="training-course-list"),
    path("training/courses/imports/", catalog.CourseCatalogImportApi.as_view(), name="training-course-import"),
    path("training/requirements/", catalog.RequirementListApi.as_view(), name="training-requirement-list"),
    path("training/requirements/create/", catalog.RequirementCreateApi.as_view(), name="training-requirement-create"),
    path("training/requirements/<int:pk>/", catalog.RequirementDeleteApi.as_view(), name="training-requirement-delete"),
    path("training/records/", records.RecordListApi.as_view(), name="training-record-list"),
    path("training/records/create/", records.RecordCreateApi.as_view(), name="training-record-create"),
    path("training/records/<int:pk>/", records.RecordDetailApi.as_view(), name="training-record-detail"),
    path("training/records/<int:pk>/verify/", records.RecordVerifyApi.as_view(), name="training-record-verify"),
    path("training/compliance/", compliance.ComplianceListApi.as_view(), name="training-compliance-list"),
    path("training/officers/<int:pk>/compliance/", compliance.OfficerComplianceApi.as_view(), name="training-officer-compliance"),
    path("training/officers/<int:pk>/hours/", compliance.OfficerTrainingHoursApi.as_view(), name="training-officer-hours"),
    path("training/officers/<int:pk>/transcript/", compliance.OfficerTranscriptExportApi.as_view(), name="training-officer-transcript"),
    path("training/agencies/<int:pk>/compliance-report/", compliance.AgencyComplianceReportApi.as_view(), name="training-agency-report"),
    path("training/agencies/<int:pk>/column-mapping/", imports.ColumnMappingDetailApi.as_view(), name="training-column-mapping"),
    path("training/agencies/<int:pk>/column-mapping/update/", imports.ColumnMappingUpdateApi.as_view(), name="training-column-mapping-update"),
    path("training/imports/", imports.ImportListApi.as_view(), name="training-import-list"),
    path("training/imports/upload/", imports.ImportUploadApi.as_view(), name="training-import-upload"),
    path("training/imports/<int:pk>/", imports.ImportDetailApi.as_view(), name="training-import-detail"),
    path("training/imports/<int:pk>/confirm/", imports.ImportConfirmApi.as_view(), name="training-import-confirm"),
    path("training/staff-sessions/", records.StaffSessionListApi.as_view(), name="training-staff-session-list"),
    path("training/staff-sessions/create/", records.StaffSessionCreateApi.as_view(), name="training-staff-session-create"),
]
