from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hiring.apis import guidelines, selections

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "hiring/guidelines/",
        guidelines.HiringGuidelineListApi.as_view(),
        name="hiring-guideline-list",
    ),
    path(
        "hiring/guidelines/start/",
        guidelines.HiringGuidelineStartApi.as_view(),
        name="hiring-guideline-start",
    ),
    path(
        "hiring/guidelines/<int:pk>/",
        guidelines.HiringGuidelineDetailApi.as_view(),
        name="hiring-guideline-detail",
    ),
    path(
        "hiring/guidelines/<int:pk>/update/",
        guidelines.HiringGuidelineUpdateApi.as_view(),
        name="hiring-guideline-update",
    ),
    path(
        "hiring/guidelines/<int:pk>/publish/",
        guidelines.HiringGuidelinePublishApi.as_view(),
        name="hiring-guideline-publish",
    ),
    path(
        "hiring/guidelines/<int:pk>/revise/",
        guidelines.HiringGuidelineReviseApi.as_view(),
        name="hiring-guideline-revise",
    ),
    path(
        "hiring/selections/",
        selections.SelectionRecordListApi.as_view(),
        name="hiring-selection-list",
    ),
    path(
        "hiring/selections/create/",
        selections.SelectionRecordCreateApi.as_view(),
        name="hiring-selection-create",
    ),
    path(
        "hiring/selections/<int:pk>/",
        selections.SelectionRecordDetailApi.as_view(),
        name="hiring-selection-detail",
    ),
    path(
        "hiring/selections/<int:pk>/scores/",
        selections.SelectionScoresSaveApi.as_view(),
        name="hiring-selection-scores",
    ),
    path(
        "hiring/selections/<int:pk>/decide/",
        selections.SelectionRecordDecideApi.as_view(),
        name="hiring-selection-decide",
    ),
]
