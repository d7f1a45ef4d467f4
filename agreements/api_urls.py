from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from agreements.apis import reviews, versions

urlpatterns: list[URLPattern | URLResolver] = [
    path("mou-versions/", versions.MOUVersionListApi.as_view(), name="mou-version-list"),
    path(
        "mou-versions/<int:pk>/",
        versions.MOUVersionDetailApi.as_view(),
        name="mou-version-detail",
    ),
    path(
        "mous/<int:pk>/versions/",
        versions.MOUVersionCreateApi.as_view(),
        name="mou-version-create",
    ),
    path("mou-reviews/", reviews.MOUReviewListApi.as_view(), name="mou-review-list"),
    path("mou-reviews/<int:pk>/", reviews.MOUReviewDetailApi.as_view(), name="mou-review-detail"),
    path("mou-reviews/<int:pk>/open/", reviews.MOUReviewOpenApi.as_view(), name="mou-review-open"),
    path(
        "mou-reviews/<int:pk>/close/", reviews.MOUReviewCloseApi.as_view(), name="mou-review-close"
    ),
]
