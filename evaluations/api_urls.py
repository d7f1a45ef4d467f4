from django.urls import path

from evaluations.apis import evaluations, rubrics, signatures

urlpatterns = [
    path("rubrics/", rubrics.RubricListApi.as_view(), name="rubric-list"),
    path("rubrics/create/", rubrics.RubricCreateApi.as_view(), name="rubric-create"),
    path(
        "rubrics/load-default/", rubrics.RubricLoadDefaultApi.as_view(), name="rubric-load-default"
    ),
    path("rubrics/<int:pk>/", rubrics.RubricDetailApi.as_view(), name="rubric-detail"),
    path("rubrics/<int:pk>/revise/", rubrics.RubricReviseApi.as_view(), name="rubric-revise"),
    path("evaluations/", evaluations.EvaluationListApi.as_view(), name="evaluation-list"),
    path("evaluations/start/", evaluations.EvaluationStartApi.as_view(), name="evaluation-start"),
    path("evaluations/to-do/", evaluations.EvaluationToDoApi.as_view(), name="evaluation-to-do"),
    path(
        "evaluations/<int:pk>/", evaluations.EvaluationDetailApi.as_view(), name="evaluation-detail"
    ),
    path(
        "evaluations/<int:pk>/update/",
        evaluations.EvaluationUpdateApi.as_view(),
        name="evaluation-update",
    ),
    path(
        "evaluations/<int:pk>/notes/",
        evaluations.EvaluationNoteAddApi.as_view(),
        name="evaluation-note-add",
    ),
    path(
        "evaluations/<int:pk>/attachments/",
        evaluations.EvaluationAttachmentAddApi.as_view(),
        name="evaluation-attachment-add",
    ),
    path(
        "evaluations/attachments/<int:pk>/",
        evaluations.EvaluationAttachmentDownloadApi.as_view(),
        name="evaluation-attachment",
    ),
    path(
        "evaluations/attachments/<int:pk>/remove/",
        evaluations.EvaluationAttachmentRemoveApi.as_view(),
        name="evaluation-attachment-remove",
    ),
    path(
        "evaluations/<int:pk>/submit/",
        signatures.EvaluationSubmitApi.as_view(),
        name="evaluation-submit",
    ),
    path(
        "evaluations/<int:pk>/review/",
        signatures.EvaluationReviewApi.as_view(),
        name="evaluation-review",
    ),
    path(
        "evaluations/<int:pk>/return/",
        signatures.EvaluationReturnApi.as_view(),
        name="evaluation-return",
    ),
    path(
        "evaluations/<int:pk>/acknowledge/",
        signatures.EvaluationAcknowledgeApi.as_view(),
        name="evaluation-acknowledge",
    ),
    path(
        "evaluations/<int:pk>/history/",
        signatures.EvaluationHistoryApi.as_view(),
        name="evaluation-history",
    ),
]
