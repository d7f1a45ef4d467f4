from django.urls import include, path

from packets import views

app_urls = [
    path("packets/", views.packet_list, name="list"),
    path("packets/batches/", views.packet_batch_start, name="batch-start"),
    path("packets/batches/<int:pk>/", views.packet_batch, name="batch"),
    path("packets/<int:pk>/", views.packet_detail, name="packet"),
    path("packets/<int:pk>/rebuild/", views.packet_rebuild, name="rebuild"),
    path("packets/versions/<int:pk>/", views.packet_version, name="version"),
    path("packets/versions/<int:pk>/pdf/", views.packet_pdf, name="pdf"),
    path("packets/versions/<int:pk>/xlsx/", views.packet_xlsx, name="xlsx"),
    path("packets/versions/<int:pk>/sign-off/", views.packet_sign_off, name="sign-off"),
    path("packets/versions/<int:pk>/send-back/", views.packet_send_back, name="send-back"),
    path("packets/versions/<int:pk>/acknowledge/", views.packet_acknowledge, name="acknowledge"),
]

urlpatterns = [path("", include((app_urls, "packets")))]
