from django.urls import path

from packets.apis import batches
from packets.apis import packets as apis

urlpatterns = [
    path("packets/", apis.PacketListApi.as_view(), name="packet-list"),
    path("packets/build/", apis.PacketBuildApi.as_view(), name="packet-build"),
    path("packets/batches/", batches.PacketBatchStartApi.as_view(), name="packet-batch-start"),
    path(
        "packets/batches/<int:pk>/",
        batches.PacketBatchDetailApi.as_view(),
        name="packet-batch-detail",
    ),
    path("packets/<int:pk>/", apis.PacketDetailApi.as_view(), name="packet-detail"),
    path(
        "packet-versions/<int:pk>/",
        apis.PacketVersionDetailApi.as_view(),
        name="packet-version-detail",
    ),
    path(
        "packet-versions/<int:pk>/pdf/",
        apis.PacketVersionPdfApi.as_view(),
        name="packet-version-pdf",
    ),
    path(
        "packet-versions/<int:pk>/xlsx/",
        apis.PacketVersionXlsxApi.as_view(),
        name="packet-version-xlsx",
    ),
    path(
        "packet-versions/<int:pk>/sign-off/",
        apis.PacketVersionSignOffApi.as_view(),
        name="packet-version-sign-off",
    ),
    path(
        "packet-versions/<int:pk>/send-back/",
        apis.PacketVersionSendBackApi.as_view(),
        name="packet-version-send-back",
    ),
    path(
        "packet-versions/<int:pk>/acknowledge/",
        apis.PacketVersionAcknowledgeApi.as_view(),
        name="packet-version-acknowledge",
    ),
]
