from django.urls import include, path

from roster.views import district, officers

app_urls = [
    path("officers/", officers.officer_list, name="officers"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer"),
    path("jobs/<int:pk>/", district.job_detail, name="job"),
    path("districts/<int:pk>/export.zip", district.district_export, name="district-export"),
]

urlpatterns = [path("", include((app_urls, "roster")))]
