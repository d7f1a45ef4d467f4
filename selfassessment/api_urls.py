from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from selfassessment import apis

urlpatterns: list[URLPattern | URLResolver] = [
    path("self-assessments/", apis.SelfAssessmentListApi.as_view(), name="self-assessment-list"),
    path(
        "self-assessments/<int:pk>/",
        apis.SelfAssessmentDetailApi.as_view(),
        name="self-assessment-detail",
    ),
]
