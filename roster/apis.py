from __future__ import annotations

from typing import TYPE_CHECKING

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.filters import IntegerFilter, StrictFilterSet
from core.models import Job
from roster import selectors
from roster.models import MOU, Agency, Assignment, District, EvaluationPeriod, Officer, Role, School
from roster.services import roster_import

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest


class DistrictOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = (
            "id",
            "code",
            "name",
            "survey_min_responses",
            "comment_min_responses",
            "public_suppression_threshold",
        )


class DistrictListApi(ScopedListApi):
    scoped_model = District
    serializer_class = DistrictOutputSerializer


class DistrictDetailApi(ScopedDetailApi):
    scoped_model = District
    serializer_class = DistrictOutputSerializer


class SchoolOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ("id", "district", "code", "name", "level", "enrollment")


class SchoolFilter(StrictFilterSet):
    class Meta:
        model = School
        fields = ("district", "level", "code")


class SchoolListApi(ScopedListApi):
    scoped_model = School
    serializer_class = SchoolOutputSerializer
    filterset_class = SchoolFilter


class SchoolDetailApi(ScopedDetailApi):
    scoped_model = School
    serializer_class = SchoolOutputSerializer


class AgencyOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ("id", "code", "name")


class AgencyListApi(ScopedListApi):
    scoped_model = Agency
    serializer_class = AgencyOutputSerializer


class AgencyDetailApi(ScopedDetailApi):
    scoped_model = Agency
    serializer_class = AgencyOutputSerializer


class CurrentAssignmentSerializer(serializers.ModelSerializer):
    school_code = serializers.CharField(source="school.code")

    class Meta:
        model = Assignment
        fields = ("id", "school", "school_code", "start_date", "end_date")


class OfficerOutputSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    current_assignments = CurrentAssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Officer
        fields = (
            "id",
            "agency",
            "agency_code",
            "badge_number",
            "first_name",
            "last_name",
            "current_assignments",
        )


class OfficerFilter(StrictFilterSet):
    school = IntegerFilter(field_name="assignments__school", distinct=True)
    badge_number = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Officer
        fields = ("agency", "school", "badge_number")


class OfficerListApi(ScopedListApi):
    scoped_model = Officer
    serializer_class = OfficerOutputSerializer
    filterset_class = OfficerFilter

    def get_queryset(self) -> QuerySet[Officer]:
        if getattr(self, "swagger_fake_view", False):
            return Officer.objects.none()
        return selectors.officers_visible(user=self.request.user)


class OfficerDetailApi(ScopedDetailApi):
    scoped_model = Officer
    serializer_class = OfficerOutputSerializer

    def get_queryset(self) -> QuerySet[Officer]:
        if getattr(self, "swagger_fake_view", False):
            return Officer.objects.none()
        return selectors.officers_visible(user=self.request.user)


class AssignmentOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ("id", "officer", "school", "start_date", "end_date")


class AssignmentListApi(ScopedListApi):
    scoped_model = Assignment
    serializer_class = AssignmentOutputSerializer
    filterset_fields = ("officer", "school")


class MOUOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = MOU
        fields = (
            "id",
            "district",
            "agency",
            "effective_date",
            "end_date",
            "next_review_date",
            "removal_response_days",
        )


class MOUListApi(ScopedListApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer
    filterset_fields = ("district", "agency")


class MOUDetailApi(ScopedDetailApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer


class PeriodOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationPeriod
        fields = ("id", "district", "name", "start_date", "end_date")


class PeriodListApi(ScopedListApi):
    scoped_model = EvaluationPeriod
    serializer_class = PeriodOutputSerializer
    filterset_fields = ("district", "name")


class MeApi(APIView):
    scope_exempt = "answers only with the caller's own account and memberships"

    class MeOutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        memberships = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: AuthenticatedRequest) -> Response:
        memberships = [
            {
                "role": m.role,
                "district": m.district.code,
                "school": m.school.code if m.school else None,
                "agency": m.agency.code if m.agency else None,
                "officer": m.officer_id,
            }
            for m in selectors.memberships_of(user=request.user)
        ]
        data = {
            "username": request.user.get_username(),
            "roles": selectors.user_roles(user=request.user),
            "memberships": memberships,
        }
        return Response(self.MeOutputSerializer(data).data)


class RosterImportApi(APIView):
    """Import a schools or officers file (CSV or XLSX) into the coordinator's district."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "writes only into a district the caller coordinates (checked below)"
    parser_classes = (MultiPartParser, FormParser)

    class RosterImportInputSerializer(InputSerializer):
        file = serializers.FileField()
        district = serializers.CharField(
            required=False, help_text="District code; optional with one district."
        )
        dry_run = serializers.BooleanField(default=False)

    class RosterImportOutputSerializer(serializers.Serializer):
        kind = serializers.CharField()
        rows = serializers.IntegerField()
        dry_run = serializers.BooleanField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        assignments_started = serializers.IntegerField()
        agencies_created = serializers.ListField(child=serializers.CharField())

    @extend_schema(
        request=RosterImportInputSerializer, responses={200: RosterImportOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RosterImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        districts = (
            District.objects.visible_to(request.user)
            .filter(memberships__user=request.user, memberships__role=Role.COORDINATOR)
            .distinct()
        )
        code = serializer.validated_data.get("district")
        if code:
            districts = districts.filter(code__iexact=code)
        district_list = list(districts[:2])
        if len(district_list) != 1:
            return Response(
                {
                    "detail": "Name the district (its code) you coordinate."
                    if district_list
                    else "No such district."
                },
                status=status.HTTP_400_BAD_REQUEST if district_list else status.HTTP_404_NOT_FOUND,
            )
        upload = serializer.validated_data["file"]
        result = roster_import(
            district=district_list[0],
            data=upload,
            filename=upload.name,
            dry_run=serializer.validated_data["dry_run"],
            actor=request.user,
        )
        return Response(self.RosterImportOutputSerializer(result).data)


class TokenObtainApi(ObtainAuthToken):
    """Exchange a username and password for an API token."""

    public = True


class JobOutputSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = (
            "id",
            "kind",
            "status",
            "total",
            "done",
            "failed",
            "percent",
            "failures",
            "result",
            "message",
            "created_at",
            "started_at",
            "finished_at",
        )


class JobListApi(ScopedListApi):
    scoped_model = Job
    serializer_class = JobOutputSerializer
    filterset_fields = ("kind", "status")


class JobDetailApi(ScopedDetailApi):
    """A long-running job's progress: done, failed (with reasons) out of total."""

    scoped_model = Job
    serializer_class = JobOutputSerializer
