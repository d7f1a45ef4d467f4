from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from selfassessment.views import pages

app_name = "selfassessment"
urlpatterns: list[URLPattern | URLResolver] = [
    path("self-assessment/", pages.assessment_list, name="list"),
    path("self-assessment/<int:pk>/", pages.assessment_detail, name="detail"),
    path("self-assessment/<int:pk>/answer/", pages.assessment_answer, name="answer"),
    path("self-assessment/<int:pk>/complete/", pages.assessment_complete, name="complete"),
    path("self-assessment/<int:pk>/compare/", pages.assessment_compare, name="compare"),
    path("self-assessment/<int:pk>/summary.pdf", pages.assessment_pdf, name="pdf"),
]
