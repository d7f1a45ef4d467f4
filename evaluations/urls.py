from django.urls import path

from evaluations.views import evaluations, rubrics, signatures

urlpatterns = [
    path("evaluations/", evaluations.evaluation_list, name="evaluation-list"),
    path("evaluations/start/", evaluations.evaluation_start, name="evaluation-start"),
    path("evaluations/<int:pk>/", evaluations.evaluation_detail, name="evaluation-detail"),
    path("evaluations/<int:pk>/pdf/", evaluations.evaluation_pdf, name="evaluation-pdf"),
    path("evaluations/<int:pk>/edit/", evaluations.evaluation_edit, name="evaluation-edit"),
    path(
        "evaluations/<int:pk>/notes/", evaluations.evaluation_note_add, name="evaluation-note-add"
    ),
    path(
        "evaluations/<int:pk>/attachments/",
        evaluations.evaluation_attachment_add,
        name="evaluation-attachment-add",
    ),
    path(
        "evaluations/attachments/<int:pk>/",
        evaluations.evaluation_attachment,
        name="evaluation-attachment",
    ),
    path(
        "evaluations/attachments/<int:pk>/remove/",
        evaluations.evaluation_attachment_remove,
        name="evaluation-attachment-remove",
    ),
    path("evaluations/<int:pk>/submit/", signatures.evaluation_submit, name="evaluation-submit"),
    path("evaluations/<int:pk>/review/", signatures.evaluation_review, name="evaluation-review"),
    path("evaluations/<int:pk>/return/", signatures.evaluation_return, name="evaluation-return"),
    path(
        "evaluations/<int:pk>/acknowledge/",
        signatures.evaluation_acknowledge,
        name="evaluation-acknowledge",
    ),
    path("evaluations/<int:pk>/history/", signatures.evaluation_history, name="evaluation-history"),
    path("rubrics/", rubrics.rubric_list, name="rubric-list"),
    path("rubrics/load-default/", rubrics.rubric_load_default_view, name="rubric-load-default"),
    path("rubrics/<int:pk>/", rubrics.rubric_detail, name="rubric-detail"),
    path("rubrics/<int:pk>/revise/", rubrics.rubric_revise_view, name="rubric-revise"),
]
