from django.urls import include, path

from roster import views

app_urls = [
    path("officers/", views.officer_list, name="officers"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("districts/<int:pk>/export.zip", views.district_export, name="district-export"),
]

urlpatterns = [path("", include((app_urls, "roster")))]
