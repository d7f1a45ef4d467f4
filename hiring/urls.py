from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from hiring.views import guidelines, selections

app_name = "hiring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("hiring/guidelines/", guidelines.guideline_list, name="guidelines"),
    path("hiring/guidelines/start/", guidelines.guideline_start, name="guideline-start"),
    path("hiring/guidelines/<int:pk>/", guidelines.guideline_page, name="guideline"),
    path("hiring/guidelines/<int:pk>/edit/", guidelines.guideline_edit, name="guideline-edit"),
    path(
        "hiring/guidelines/<int:pk>/publish/",
        guidelines.guideline_publish_view,
        name="guideline-publish",
    ),
    path(
        "hiring/guidelines/<int:pk>/revise/",
        guidelines.guideline_revise_view,
        name="guideline-revise",
    ),
    path("hiring/selections/", selections.selection_list, name="selections"),
    path("hiring/selections/new/", selections.selection_new, name="selection-new"),
    path("hiring/selections/<int:pk>/", selections.selection_page, name="selection"),
    path(
        "hiring/selections/<int:pk>/scores/", selections.selection_scores, name="selection-scores"
    ),
    path(
        "hiring/selections/<int:pk>/decide/", selections.selection_decide, name="selection-decide"
    ),
]
