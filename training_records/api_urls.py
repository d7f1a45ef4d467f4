from django.urls import path

from training_records.apis import catalog, compliance, imports, records

urlpatterns = [
    path("courses/", catalog.CourseListApi.as_view(), name="training-course-list"),
    path(
        "courses/imports/", catalog.CourseCatalogImportApi.as_view(), name="training-course-import"
    ),
    path("requirements/", catalog.RequirementListApi.as_view(), name="training-requirement-list"),
    path(
        "requirements/create/",
        catalog.RequirementCreateApi.as_view(),
        name="training-requirement-create",
    ),
    path(
        "requirements/<int:pk>/",
        catalog.RequirementDeleteApi.as_view(),
        name="training-requirement-delete",
    ),
    path("records/", records.RecordListApi.as_view(), name="training-record-list"),
    path("records/create/", records.RecordCreateApi.as_view(), name="training-record-create"),
    path("records/<int:pk>/", records.RecordDetailApi.as_view(), name="training-record-detail"),
    path(
        "records/<int:pk>/verify/", records.RecordVerifyApi.as_view(), name="training-record-verify"
    ),
    path("compliance/", compliance.ComplianceListApi.as_view(), name="training-compliance-list"),
    path(
        "officers/<int:pk>/compliance/",
        compliance.OfficerComplianceApi.as_view(),
        name="training-officer-compliance",
    ),
    path(
        "officers/<int:pk>/hours/",
        compliance.OfficerTrainingHoursApi.as_view(),
        name="training-officer-hours",
    ),
    path(
        "officers/<int:pk>/transcript/",
        compliance.OfficerTranscriptExportApi.as_view(),
        name="training-officer-transcript",
    ),
    path(
        "agencies/<int:pk>/compliance-report/",
        compliance.AgencyComplianceReportApi.as_view(),
        name="training-agency-report",
    ),
    path(
        "agencies/<int:pk>/column-mapping/",
        imports.ColumnMappingDetailApi.as_view(),
        name="training-column-mapping",
    ),
    path(
        "agencies/<int:pk>/column-mapping/update/",
        imports.ColumnMappingUpdateApi.as_view(),
        name="training-column-mapping-update",
    ),
    path("imports/", imports.ImportListApi.as_view(), name="training-import-list"),
    path("imports/upload/", imports.ImportUploadApi.as_view(), name="training-import-upload"),
    path("imports/<int:pk>/", imports.ImportDetailApi.as_view(), name="training-import-detail"),
    path(
        "imports/<int:pk>/confirm/",
        imports.ImportConfirmApi.as_view(),
        name="training-import-confirm",
    ),
    path(
        "staff-sessions/", records.StaffSessionListApi.as_view(), name="training-staff-session-list"
    ),
    path(
        "staff-sessions/create/",
        records.StaffSessionCreateApi.as_view(),
        name="training-staff-session-create",
    ),
]
