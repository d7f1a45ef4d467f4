from django.urls import include, path

from roster.views import assignments, district, mous, officers, organisations, periods
from roster.views import imports as roster_imports

app_urls = [
    path("officers/", officers.officer_list, name="officers"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer"),
    path("jobs/<int:pk>/", district.job_detail, name="job"),
    path("districts/<int:pk>/export.zip", district.district_export, name="district-export"),
    path("setup/districts/<int:pk>/", organisations.district_settings, name="setup-district"),
    path("setup/periods/", periods.period_list, name="periods"),
    path("setup/schools/", organisations.school_list, name="schools"),
    path("setup/schools/new/", organisations.school_new, name="school-new"),
    path("setup/schools/<int:pk>/", organisations.school_edit, name="school-edit"),
    path("setup/agencies/", organisations.agency_list, name="agencies"),
    path("setup/agencies/new/", organisations.agency_new, name="agency-new"),
    path("setup/agencies/<int:pk>/", organisations.agency_edit, name="agency-edit"),
    path("setup/officers/new/", officers.officer_new, name="officer-new"),
    path("setup/officers/<int:pk>/", officers.officer_edit, name="officer-edit"),
    path("setup/assignments/", assignments.assignment_list, name="assignments"),
    path("setup/assignments/new/", assignments.assignment_new, name="assignment-new"),
    path("setup/assignments/<int:pk>/", assignments.assignment_edit, name="assignment-edit"),
    path("setup/mous/", mous.mou_list, name="mous"),
    path("setup/mous/new/", mous.mou_new, name="mou-new"),
    path("setup/mous/<int:pk>/", mous.mou_edit, name="mou-edit"),
    path("setup/roster-imports/", roster_imports.import_list, name="imports"),
    path("setup/roster-imports/columns/", roster_imports.import_columns, name="import-columns"),
    path("setup/roster-imports/<int:pk>/", roster_imports.import_detail, name="import"),
    path(
        "setup/roster-imports/<int:pk>/confirm/",
        roster_imports.import_confirm,
        name="import-confirm",
    ),
]

urlpatterns = [path("", include((app_urls, "roster")))]
