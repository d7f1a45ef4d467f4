"""Staff pages of the MOU record (English only)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from agreements.views import staff_list, staff_reviews, staff_versions

urlpatterns: list[URLPattern | URLResolver] = [
    path("agreements/mous/", staff_list.mou_list, name="mous"),
    path("agreements/mous/<int:pk>/", staff_versions.mou_record, name="mou"),
    path("agreements/mous/<int:pk>/versions/new/", staff_versions.version_new, name="version-new"),
    path("agreements/mous/<int:pk>/reviews/new/", staff_reviews.review_new, name="review-new"),
    path("agreements/versions/<int:pk>/", staff_versions.version_detail, name="version"),
    path("agreements/versions/<int:pk>/edit/", staff_versions.version_edit, name="version-edit"),
    path(
        "agreements/versions/<int:pk>/document/",
        staff_versions.version_document,
        name="version-document",
    ),
    path(
        "agreements/versions/<int:pk>/compare/",
        staff_versions.version_compare,
        name="version-compare",
    ),
    path("agreements/reviews/<int:pk>/", staff_reviews.review_detail, name="review"),
    path("agreements/reviews/<int:pk>/open/", staff_reviews.review_open_view, name="review-open"),
    path(
        "agreements/reviews/<int:pk>/propose/",
        staff_reviews.review_propose,
        name="review-propose",
    ),
    path(
        "agreements/reviews/<int:pk>/close/", staff_reviews.review_close_view, name="review-close"
    ),
]
