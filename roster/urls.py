from django.urls import include, path

from roster.views import district, officers
from roster.views import imports as roster_imports

app_urls = [
    path("officers/", officers.officer_list, name="officers"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer"),
    path("jobs/<int:pk>/", district.job_detail, name="job"),
    path("districts/<int:pk>/export.zip", district.district_export, name="district-export"),
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
