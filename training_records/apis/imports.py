"""Training-log imports and the agencies' column names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from roster.models import Agency
from training_records import selectors
from training_records.apis.common import (
    MANAGERS,
)
from training_records.imports import MAPPABLE_FIELDS
from training_records.models import (
    ColumnMapping,
    TrainingImport,
)
from training_records.services.imports import (
    column_mapping_save,
    training_import_confirm,
    training_import_upload,
)

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest

# Imports ------------------------------------------------------------------------


class ImportOutputSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    status = serializers.CharField(
        help_text="checking, previewed, rejected, importing, imported or failed"
    )
    job_percent = serializers.IntegerField(source="job.percent", default=None, allow_null=True)
    preview = serializers.SerializerMethodField()

    class Meta:
        model = TrainingImport
        fields = (
            "id",
            "agency",
            "agency_code",
            "filename",
            "status",
            "rows",
            "new_records",
            "duplicates",
            "skipped",
            "created_records",
            "errors",
            "preview",
            "job",
            "job_percent",
            "created_at",
            "imported_at",
        )

    def get_preview(self, obj: TrainingImport) -> list[dict]:
        keys = [
            "row",
            "badge_number",
            "officer",
            "course_code",
            "completed_on",
            "hours",
            "provider",
            "action",
        ]
        return [dict(zip(keys, row, strict=True)) for row in obj.preview]


class ImportListOutputSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    status = serializers.CharField(
        help_text="checking, previewed, rejected, importing, imported or failed"
    )

    class Meta:
        model = TrainingImport
        fields = (
            "id",
            "agency",
            "agency_code",
            "filename",
            "status",
            "rows",
            "new_records",
            "duplicates",
            "skipped",
            "created_records",
            "job",
            "created_at",
            "imported_at",
        )


class ImportListApi(ScopedListApi):
    scoped_model = TrainingImport
    serializer_class = ImportListOutputSerializer
    filterset_fields = ("agency", "status")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("agency")


class ImportDetailApi(ScopedDetailApi):
    """An import's preview (every row and every error), status and job progress."""

    scoped_model = TrainingImport
    serializer_class = ImportOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("agency", "job")


class ImportUploadApi(APIView):
    """Upload a training log: it is kept and checked, and nothing else is stored
    until it is confirmed. Large files are checked by a task (see ``job``)."""

    allowed_roles = MANAGERS
    scope_exempt = "the agency is looked up among those the caller may import for"
    parser_classes = (MultiPartParser, FormParser)

    class ImportUploadInputSerializer(InputSerializer):
        file = serializers.FileField()
        agency = serializers.CharField(help_text="Agency code")

    @extend_schema(request=ImportUploadInputSerializer, responses={201: ImportOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.ImportUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = get_object_or_404(
            selectors.importable_agencies(user=request.user),
            code__iexact=serializer.validated_data["agency"],
        )
        upload = serializer.validated_data["file"]
        training_import = training_import_upload(
            agency=agency, data=upload, filename=upload.name, actor=request.user
        )
        return Response(
            ImportOutputSerializer(training_import).data, status=status.HTTP_201_CREATED
        )


class ImportConfirmApi(ScopedQuerysetMixin, APIView):
    """Import a previewed file; a second confirm answers 409 and imports nothing."""

    allowed_roles = MANAGERS
    scoped_model = TrainingImport

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(agency__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(request=None, responses=ImportOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        training_import = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        training_import = training_import_confirm(
            training_import=training_import, actor=request.user
        )
        return Response(ImportOutputSerializer(training_import).data)


# Column mappings ----------------------------------------------------------------


class ColumnMappingOutputSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    mapping = serializers.DictField(child=serializers.CharField())
    status_counts = serializers.ListField(
        child=serializers.CharField(),
        help_text="Completion-status values that count (added to the built-in ones)",
    )
    status_skips = serializers.ListField(
        child=serializers.CharField(), help_text="Completion-status values that don't count"
    )
    # DRF's metaclass moves declared fields out of the class, so this shadows no
    # Serializer.fields at run time; the stubs see an attribute of another type.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="Field -> what it means"
    )


class ColumnMappingDetailApi(ScopedQuerysetMixin, APIView):
    """The agency's saved header names (field -> header as written in its files)."""

    allowed_roles = MANAGERS
    scoped_model = Agency

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(responses=ColumnMappingOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        saved = selectors.column_mapping_of(agency=agency)
        data = {
            "agency": agency.pk,
            "mapping": saved.mapping,
            "status_counts": saved.status_counts,
            "status_skips": saved.status_skips,
            "fields": MAPPABLE_FIELDS,
        }
        return Response(ColumnMappingOutputSerializer(data).data)


class ColumnMappingUpdateApi(ScopedQuerysetMixin, APIView):
    allowed_roles = MANAGERS
    scoped_model = Agency

    class ColumnMappingUpdateInputSerializer(InputSerializer):
        mapping = serializers.DictField(
            child=serializers.CharField(allow_blank=True, max_length=100)
        )
        status_counts = serializers.ListField(
            child=serializers.CharField(max_length=60), required=False, max_length=200
        )
        status_skips = serializers.ListField(
            child=serializers.CharField(max_length=60), required=False, max_length=200
        )

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(
        request=ColumnMappingUpdateInputSerializer, responses=ColumnMappingOutputSerializer
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.ColumnMappingUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved: ColumnMapping = column_mapping_save(
            agency=agency,
            mapping=serializer.validated_data["mapping"],
            status_counts=serializer.validated_data.get("status_counts"),
            status_skips=serializer.validated_data.get("status_skips"),
            actor=request.user,
        )
        data = {
            "agency": agency.pk,
            "mapping": saved.mapping,
            "status_counts": saved.status_counts,
            "status_skips": saved.status_skips,
            "fields": MAPPABLE_FIELDS,
        }
        return Response(ColumnMappingOutputSerializer(data).data)
