"""Training records and school-staff sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from core.errors import ApplicationError
from roster.models import Role
from training_records import selectors
from training_records.apis.common import (
    MANAGERS,
)
from training_records.models import (
    Course,
    StaffTrainingSession,
    TrainingRecord,
)
from training_records.services.records import (
    staff_session_create,
    training_record_create,
    training_record_verify,
)

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest

# Records ------------------------------------------------------------------------


class RecordOutputSerializer(serializers.ModelSerializer):
    course_code = serializers.CharField(source="course.code")
    course_title = serializers.CharField(source="course.title")
    category = serializers.CharField(source="course.category")
    entered_by = serializers.CharField(source="entered_by.username", default=None, allow_null=True)
    verified_by = serializers.CharField(
        source="verified_by.username", default=None, allow_null=True
    )

    class Meta:
        model = TrainingRecord
        fields = (
            "id",
            "officer",
            "course",
            "course_code",
            "course_title",
            "category",
            "completed_on",
            "hours",
            "provider",
            "certificate",
            "source",
            "training_import",
            "entered_by",
            "verified_by",
            "verified_at",
        )


class RecordListApi(ScopedListApi):
    scoped_model = TrainingRecord
    serializer_class = RecordOutputSerializer
    filterset_fields = ("officer", "course", "source", "training_import")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("course", "entered_by", "verified_by").order_by(
            "-completed_on", "pk"
        )


class RecordDetailApi(ScopedDetailApi):
    scoped_model = TrainingRecord
    serializer_class = RecordOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("course", "entered_by", "verified_by")


class RecordCreateApi(APIView):
    """Enter one training record (multipart when a certificate is attached)."""

    allowed_roles = MANAGERS
    scope_exempt = "the officer is looked up among those the caller may manage"
    parser_classes = (JSONParser, MultiPartParser, FormParser)

    class RecordCreateInputSerializer(InputSerializer):
        officer = serializers.IntegerField()
        course = serializers.CharField(help_text="Course code")
        completed_on = serializers.DateField()
        hours = serializers.DecimalField(
            max_digits=5, decimal_places=2, required=False, min_value=0
        )
        provider = serializers.CharField(required=False, allow_blank=True, max_length=200)
        certificate = serializers.FileField(required=False)

    @extend_schema(request=RecordCreateInputSerializer, responses={201: RecordOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RecordCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        officer = get_object_or_404(
            selectors.manageable_officers(user=request.user), pk=data["officer"]
        )
        course = Course.objects.filter(code__iexact=data["course"]).first()
        if course is None:
            raise ApplicationError(f"There is no course {data['course']!r}.")
        record = training_record_create(
            officer=officer,
            course=course,
            completed_on=data["completed_on"],
            hours=data.get("hours"),
            provider=data.get("provider", ""),
            certificate=data.get("certificate"),
            entered_by=request.user,
        )
        return Response(RecordOutputSerializer(record).data, status=status.HTTP_201_CREATED)


class RecordVerifyApi(ScopedQuerysetMixin, APIView):
    allowed_roles = MANAGERS
    scoped_model = TrainingRecord

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(
            officer__in=selectors.manageable_officers(user=self.request.user)
        ).select_related("officer__agency", "course")

    @extend_schema(request=None, responses=RecordOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        record = get_object_or_404(self.get_queryset(), pk=pk)
        record = training_record_verify(record=record, verified_by=request.user)
        return Response(RecordOutputSerializer(record).data)


# Staff sessions -----------------------------------------------------------------


class StaffSessionOutputSerializer(serializers.ModelSerializer):
    school_code = serializers.CharField(source="school.code")

    class Meta:
        model = StaffTrainingSession
        fields = ("id", "school", "school_code", "held_on", "topic", "attendee_count")


class StaffSessionListApi(ScopedListApi):
    scoped_model = StaffTrainingSession
    serializer_class = StaffSessionOutputSerializer
    filterset_fields = ("school",)

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("school")


class StaffSessionCreateApi(APIView):
    allowed_roles = (Role.PRINCIPAL, Role.COORDINATOR)
    scope_exempt = "the school is looked up among those the caller may record sessions for"

    class StaffSessionCreateInputSerializer(InputSerializer):
        school = serializers.IntegerField()
        held_on = serializers.DateField()
        topic = serializers.CharField(max_length=200)
        attendee_count = serializers.IntegerField(min_value=1, max_value=5000)

    @extend_schema(
        request=StaffSessionCreateInputSerializer, responses={201: StaffSessionOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.StaffSessionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        school = get_object_or_404(
            selectors.manageable_schools(user=request.user), pk=data["school"]
        )
        session = staff_session_create(
            school=school,
            held_on=data["held_on"],
            topic=data["topic"],
            attendee_count=data["attendee_count"],
            actor=request.user,
        )
        return Response(StaffSessionOutputSerializer(session).data, status=status.HTTP_201_CREATED)
