"""Evaluation endpoints: one view per operation, each reading through ``visible_to``
so an evaluation outside the caller's scope is a 404 before anything else happens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from core.api_query import StrictQueryMixin
from core.attachments import attachment_download_name
from evaluations.models import Evaluation, EvaluationAttachment, ObservationNote, Rating
from evaluations.selectors import evaluations as selectors
from evaluations.services import evaluation_evidence as evidence
from evaluations.services import evaluations as services
from roster.models import EvaluationPeriod, Officer, Role, School

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest

EVALUATOR_ROLES = (Role.PRINCIPAL, Role.COORDINATOR)
REVIEWER_ROLES = (Role.SUPERVISOR, Role.COORDINATOR)


class EvaluationListOutputSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.full_name")
    school_code = serializers.CharField(source="school.code")
    period_name = serializers.CharField(source="period.name")
    # Plain fields, not enums: drf-spectacular would name them after colliding choice sets.
    status = serializers.CharField(help_text="draft, returned, submitted, reviewed or acknowledged")
    overall_level = serializers.IntegerField(
        allow_null=True, help_text="1 Unsatisfactory to 4 Exemplary"
    )
    overall_label = serializers.CharField()

    class Meta:
        model = Evaluation
        # Any length: the detail serializer's Meta extends it.
        fields: tuple[str, ...] = (
            "id",
            "officer",
            "officer_name",
            "school",
            "school_code",
            "period",
            "period_name",
            "rubric",
            "evaluator",
            "status",
            "version",
            "due_date",
            "overall_score",
            "overall_level",
            "overall_label",
            "submitted_at",
            "reviewed_at",
            "acknowledged_at",
        )


class EvaluationDetailRatingSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="competency.code")
    name = serializers.CharField(source="competency.name")
    critical = serializers.BooleanField(source="competency.critical")
    weight = serializers.DecimalField(source="competency.weight", max_digits=5, decimal_places=2)
    level = serializers.IntegerField(allow_null=True, help_text="1 Unsatisfactory to 4 Exemplary")
    level_label = serializers.CharField()
    descriptors = serializers.SerializerMethodField()

    class Meta:
        model = Rating
        fields = (
            "code",
            "name",
            "critical",
            "weight",
            "level",
            "level_label",
            "evidence",
            "descriptors",
        )

    def get_descriptors(self, rating: Rating) -> dict[str, str]:
        return {str(level): text for level, _label, text in rating.competency.descriptors}


class EvaluationDetailNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = ObservationNote
        fields = ("id", "observed_on", "text", "created_at")


class EvaluationDetailAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationAttachment
        fields = ("id", "original_name", "content_type", "size", "created_at")


class EvaluationDetailOutputSerializer(EvaluationListOutputSerializer):
    ratings = EvaluationDetailRatingSerializer(many=True, read_only=True)
    notes = EvaluationDetailNoteSerializer(many=True, read_only=True)
    attachments = EvaluationDetailAttachmentSerializer(many=True, read_only=True)

    class Meta(EvaluationListOutputSerializer.Meta):
        fields = (
            *EvaluationListOutputSerializer.Meta.fields,
            "commendations",
            "ratings",
            "notes",
            "attachments",
            "return_reason",
            "review_comment",
            "officer_agrees",
            "officer_response",
        )


def evaluation_detail_response(request: AuthenticatedRequest, pk: int) -> Response:
    evaluation = selectors.evaluation_with_details(user=request.user).get(pk=pk)
    return Response(EvaluationDetailOutputSerializer(evaluation).data)


class EvaluationListApi(ScopedListApi):
    scoped_model = Evaluation
    serializer_class = EvaluationListOutputSerializer
    filterset_fields = ("period", "officer", "school", "status")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return selectors.evaluations_visible(user=self.request.user)


class EvaluationDetailApi(ScopedQuerysetMixin, APIView):
    scoped_model = Evaluation

    @extend_schema(responses=EvaluationDetailOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        get_object_or_404(self.get_queryset(), pk=pk)
        return evaluation_detail_response(request, pk)


class EvaluationStartApi(APIView):
    """Start a draft for an officer at a school in a period (principal or coordinator)."""

    allowed_roles = EVALUATOR_ROLES
    scope_exempt = "creates; officer, school and period are each looked up through visible_to"

    class EvaluationStartInputSerializer(InputSerializer):
        officer = serializers.IntegerField()
        school = serializers.IntegerField()
        period = serializers.IntegerField()

    @extend_schema(
        request=EvaluationStartInputSerializer, responses={201: EvaluationDetailOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.EvaluationStartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evaluation = services.evaluation_start(
            officer=get_object_or_404(Officer.objects.visible_to(request.user), pk=data["officer"]),
            school=get_object_or_404(School.objects.visible_to(request.user), pk=data["school"]),
            period=get_object_or_404(
                EvaluationPeriod.objects.visible_to(request.user), pk=data["period"]
            ),
            evaluator=request.user,
        )
        response = evaluation_detail_response(request, evaluation.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class EvaluationUpdateRatingInputSerializer(InputSerializer):
    level = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    evidence = serializers.CharField(allow_blank=True, required=False, default="")


class EvaluationUpdateApi(ScopedQuerysetMixin, APIView):
    """Save a draft. Send the ``version`` you read: a stale one is refused with 409."""

    scoped_model = Evaluation
    allowed_roles = EVALUATOR_ROLES

    class EvaluationUpdateInputSerializer(InputSerializer):
        version = serializers.IntegerField(
            help_text="The version you read; the save is refused if it changed."
        )
        commendations = serializers.CharField(required=False, allow_blank=True)
        ratings = serializers.DictField(
            child=EvaluationUpdateRatingInputSerializer(),
            required=False,
            help_text="Competency code -> {level 1-4 or null, evidence}.",
        )

    @extend_schema(
        request=EvaluationUpdateInputSerializer, responses=EvaluationDetailOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.evaluation_update(
            evaluation=evaluation,
            actor=request.user,
            expected_version=data["version"],
            ratings={code: dict(value) for code, value in data.get("ratings", {}).items()},
            commendations=data.get("commendations"),
        )
        return evaluation_detail_response(request, pk)


class EvaluationNoteAddApi(ScopedQuerysetMixin, APIView):
    scoped_model = Evaluation
    allowed_roles = EVALUATOR_ROLES

    class EvaluationNoteAddInputSerializer(InputSerializer):
        observed_on = serializers.DateField()
        text = serializers.CharField()

    @extend_schema(
        request=EvaluationNoteAddInputSerializer, responses={201: EvaluationDetailNoteSerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationNoteAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = evidence.evaluation_note_add(
            evaluation=evaluation, actor=request.user, **serializer.validated_data
        )
        return Response(EvaluationDetailNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class EvaluationAttachmentAddApi(ScopedQuerysetMixin, APIView):
    """Attach a PDF, PNG, JPEG or plain-text file (at most 5 MB; checked by content)."""

    scoped_model = Evaluation
    allowed_roles = EVALUATOR_ROLES
    parser_classes = (MultiPartParser, FormParser)

    class EvaluationAttachmentAddInputSerializer(InputSerializer):
        file = serializers.FileField()

    @extend_schema(
        request=EvaluationAttachmentAddInputSerializer,
        responses={201: EvaluationDetailAttachmentSerializer},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationAttachmentAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = evidence.evaluation_attachment_add(
            evaluation=evaluation, actor=request.user, upload=serializer.validated_data["file"]
        )
        return Response(
            EvaluationDetailAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )


# The types evaluation_attachment_add accepts (checked by content), as the download answers them.
ATTACHMENT_CONTENT_TYPES = ("application/pdf", "image/png", "image/jpeg", "text/plain")


class EvaluationAttachmentDownloadApi(ScopedQuerysetMixin, APIView):
    scoped_model = EvaluationAttachment

    @extend_schema(
        responses={(200, content_type): bytes for content_type in ATTACHMENT_CONTENT_TYPES}
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> FileResponse:
        attachment = get_object_or_404(self.get_queryset(), pk=pk)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment_download_name(attachment.original_name, attachment.content_type),
            content_type=attachment.content_type,
        )


class EvaluationAttachmentRemoveApi(ScopedQuerysetMixin, APIView):
    """Remove a file from a draft or returned evaluation (409 once it is locked)."""

    scoped_model = EvaluationAttachment
    allowed_roles = EVALUATOR_ROLES

    @extend_schema(request=None, responses={204: None})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        attachment = get_object_or_404(self.get_queryset(), pk=pk)
        evidence.evaluation_attachment_remove(attachment=attachment, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvaluationToDoOutputSerializer(serializers.Serializer):
    officer = serializers.IntegerField(source="officer.pk")
    officer_name = serializers.CharField(source="officer.full_name")
    school = serializers.IntegerField(source="school.pk")
    school_code = serializers.CharField(source="school.code")
    evaluation = serializers.IntegerField(source="evaluation.pk", allow_null=True, default=None)
    status = serializers.CharField(source="status_label")
    due_date = serializers.DateField()
    overdue = serializers.BooleanField(source="is_overdue")


class EvaluationToDoApi(StrictQueryMixin, APIView):
    """The officers the caller evaluates in a period, with status and due date."""

    allowed_roles = EVALUATOR_ROLES
    scope_exempt = "reads only the caller's own schools (or district) through scope_for"

    @extend_schema(responses=EvaluationToDoOutputSerializer(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        period = selectors.period_chosen(
            user=request.user, period_id=request.query_params.get("period")
        )
        rows = selectors.officers_to_evaluate(user=request.user, period=period) if period else []
        return Response(EvaluationToDoOutputSerializer(rows, many=True).data)
