"""The course catalog and the MOUs' requirements."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from core.errors import ApplicationError
from roster.models import Role
from training_records import selectors
from training_records.models import (
    Category,
    Course,
    TrainingRequirement,
)
from training_records.services.catalog import (
    course_catalog_import,
    training_requirement_create,
    training_requirement_delete,
)

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest

# Catalog ------------------------------------------------------------------------


class CourseListApi(ScopedListApi):
    """The course catalog, shared by every district and agency."""

    scope_exempt = "the course catalog is shared reference data, the same for everyone"
    pagination_class = None

    class CourseListOutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = Course
            fields = ("id", "code", "title", "aliases", "category", "hours", "refresher_months")

    serializer_class = CourseListOutputSerializer

    def get_queryset(self):
        return selectors.courses_all()


class CourseCatalogImportApi(APIView):
    """Load a catalog file (CSV or XLSX); courses are matched by code."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "writes the shared catalog; coordinators only"
    parser_classes = (MultiPartParser, FormParser)

    class CourseCatalogImportInputSerializer(InputSerializer):
        file = serializers.FileField()

    class CourseCatalogImportOutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()

    @extend_schema(
        request=CourseCatalogImportInputSerializer, responses=CourseCatalogImportOutputSerializer
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.CourseCatalogImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        counts = course_catalog_import(data=upload, filename=upload.name, actor=request.user)
        return Response(self.CourseCatalogImportOutputSerializer(counts).data)


# Requirements -------------------------------------------------------------------


class RequirementOutputSerializer(serializers.ModelSerializer):
    course_code = serializers.CharField(source="course.code", default=None, allow_null=True)
    # DRF's metaclass moves declared fields out of the class, so this shadows no
    # Field.label at run time; the stubs see an attribute of another type.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]

    class Meta:
        model = TrainingRequirement
        fields = (
            "id",
            "mou",
            "course",
            "course_code",
            "category",
            "label",
            "min_hours",
            "initial",
            "refresh_months",
        )


class RequirementListApi(ScopedListApi):
    scoped_model = TrainingRequirement
    serializer_class = RequirementOutputSerializer
    filterset_fields = ("mou", "category", "course")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("course")


class RequirementCreateApi(APIView):
    """Attach a training requirement to an MOU of the coordinator's district."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "the MOU is looked up among those the caller may manage"

    class RequirementCreateInputSerializer(InputSerializer):
        mou = serializers.IntegerField()
        course = serializers.CharField(required=False, allow_blank=True, help_text="Course code")
        category = serializers.ChoiceField(
            choices=Category.choices, required=False, allow_blank=True
        )
        min_hours = serializers.DecimalField(
            max_digits=6, decimal_places=2, required=False, min_value=0
        )
        initial = serializers.BooleanField(default=False)
        refresh_months = serializers.IntegerField(
            required=False, allow_null=True, min_value=1, max_value=120
        )

    @extend_schema(
        request=RequirementCreateInputSerializer, responses={201: RequirementOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RequirementCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mou = get_object_or_404(selectors.manageable_mous(user=request.user), pk=data["mou"])
        course = None
        if data.get("course"):
            course = Course.objects.filter(code__iexact=data["course"]).first()
            if course is None:
                raise ApplicationError(f"There is no course {data['course']!r}.")
        requirement = training_requirement_create(
            mou=mou,
            course=course,
            category=data.get("category", ""),
            min_hours=data.get("min_hours") or Decimal(0),
            initial=data["initial"],
            refresh_months=data.get("refresh_months"),
            actor=request.user,
        )
        return Response(
            RequirementOutputSerializer(requirement).data, status=status.HTTP_201_CREATED
        )


class RequirementDeleteApi(ScopedQuerysetMixin, APIView):
    allowed_roles = (Role.COORDINATOR,)
    scoped_model = TrainingRequirement

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(mou__in=selectors.manageable_mous(user=self.request.user))

    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        requirement = get_object_or_404(self.get_queryset(), pk=pk)
        training_requirement_delete(requirement=requirement, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
