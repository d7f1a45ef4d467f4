"""Districts, schools, agencies, MOUs and school years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi
from core.errors import ApplicationError
from core.filters import StrictFilterSet
from roster import selectors
from roster.apis.common import CoordinatorWrites, SetupInputSerializer
from roster.models import Agency, District, EvaluationPeriod, Role, School, SchoolLevel
from roster.services.organisations import (
    agency_create,
    agency_link,
    agency_update,
    district_settings_update,
    school_create,
    school_update,
)

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


def _district_for_create(request: AuthenticatedRequest, district_id: int | None) -> District:
    """The district named in the body, among those the caller coordinates; the only one
    when they coordinate one and name none."""
    districts = selectors.districts_coordinated(user=request.user)
    if district_id is not None:
        return get_object_or_404(districts, pk=district_id)
    only = list(districts[:2])
    if len(only) != 1:
        raise ApplicationError("Name the district: you coordinate several.")
    return only[0]


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
            "training_reminder_days",
            "public_contact_name",
            "public_contact_email",
            "public_contact_phone",
        )


class DistrictListApi(ScopedListApi):
    scoped_model = District
    serializer_class = DistrictOutputSerializer


class DistrictDetailApi(CoordinatorWrites, ScopedDetailApi):
    """A district; PATCH changes its settings (its coordinators)."""

    scoped_model = District
    serializer_class = DistrictOutputSerializer

    class DistrictUpdateInputSerializer(SetupInputSerializer):
        name = serializers.CharField(max_length=200, required=False)
        survey_min_responses = serializers.IntegerField(min_value=3, required=False)
        comment_min_responses = serializers.IntegerField(min_value=3, required=False)
        public_suppression_threshold = serializers.IntegerField(min_value=1, required=False)
        training_reminder_days = serializers.IntegerField(
            min_value=1, max_value=365, required=False
        )
        public_contact_name = serializers.CharField(
            max_length=200, required=False, allow_blank=True
        )
        public_contact_email = serializers.EmailField(required=False, allow_blank=True)
        public_contact_phone = serializers.CharField(
            max_length=40, required=False, allow_blank=True
        )

    @extend_schema(request=DistrictUpdateInputSerializer, responses=DistrictOutputSerializer)
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        district = get_object_or_404(selectors.districts_coordinated(user=request.user), pk=pk)
        serializer = self.DistrictUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        district = district_settings_update(
            district=district, actor=request.user, **serializer.validated_data
        )
        return Response(DistrictOutputSerializer(district).data)


class SchoolOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ("id", "district", "code", "name", "level", "enrollment")


class SchoolFilter(StrictFilterSet):
    class Meta:
        model = School
        fields = ("district", "level", "code")


class SchoolListApi(CoordinatorWrites, ScopedListApi):
    """Schools; POST adds one to a district the caller coordinates."""

    scoped_model = School
    serializer_class = SchoolOutputSerializer
    filterset_class = SchoolFilter

    class SchoolCreateInputSerializer(SetupInputSerializer):
        district = serializers.IntegerField(
            required=False, help_text="Needed only by a coordinator of several districts."
        )
        code = serializers.CharField(max_length=20)
        name = serializers.CharField(max_length=200)
        level = serializers.ChoiceField(choices=SchoolLevel.choices, default=SchoolLevel.OTHER)
        enrollment = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    @extend_schema(request=SchoolCreateInputSerializer, responses={201: SchoolOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.SchoolCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        district = _district_for_create(request, data.pop("district", None))
        school = school_create(district=district, actor=request.user, **data)
        return Response(SchoolOutputSerializer(school).data, status=status.HTTP_201_CREATED)


class SchoolDetailApi(CoordinatorWrites, ScopedDetailApi):
    """A school; PATCH corrects it (the district's coordinators)."""

    scoped_model = School
    serializer_class = SchoolOutputSerializer

    class SchoolUpdateInputSerializer(SetupInputSerializer):
        code = serializers.CharField(max_length=20, required=False)
        name = serializers.CharField(max_length=200, required=False)
        level = serializers.ChoiceField(choices=SchoolLevel.choices, required=False)
        enrollment = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    @extend_schema(request=SchoolUpdateInputSerializer, responses=SchoolOutputSerializer)
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        school = get_object_or_404(selectors.schools_coordinated(user=request.user), pk=pk)
        serializer = self.SchoolUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        school = school_update(school=school, actor=request.user, **serializer.validated_data)
        return Response(SchoolOutputSerializer(school).data)


class AgencyOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ("id", "code", "name", "contact_name", "contact_email", "contact_phone")


class AgencyListApi(CoordinatorWrites, ScopedListApi):
    """Agencies; POST registers a new one and links it to the caller's district."""

    scoped_model = Agency
    serializer_class = AgencyOutputSerializer

    class AgencyCreateInputSerializer(SetupInputSerializer):
        district = serializers.IntegerField(
            required=False, help_text="Needed only by a coordinator of several districts."
        )
        code = serializers.CharField(max_length=20)
        name = serializers.CharField(max_length=200)
        contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
        contact_email = serializers.EmailField(required=False, allow_blank=True)
        contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)

    @extend_schema(request=AgencyCreateInputSerializer, responses={201: AgencyOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.AgencyCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        district = _district_for_create(request, data.pop("district", None))
        agency = agency_create(district=district, actor=request.user, **data)
        return Response(AgencyOutputSerializer(agency).data, status=status.HTTP_201_CREATED)


class AgencyDetailApi(CoordinatorWrites, ScopedDetailApi):
    """An agency; PATCH corrects it (coordinators of a district working with it)."""

    scoped_model = Agency
    serializer_class = AgencyOutputSerializer

    class AgencyUpdateInputSerializer(SetupInputSerializer):
        code = serializers.CharField(max_length=20, required=False)
        name = serializers.CharField(max_length=200, required=False)
        contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
        contact_email = serializers.EmailField(required=False, allow_blank=True)
        contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)

    @extend_schema(request=AgencyUpdateInputSerializer, responses=AgencyOutputSerializer)
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        agency = get_object_or_404(selectors.agencies_coordinated(user=request.user), pk=pk)
        serializer = self.AgencyUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        district = selectors.district_working_with(user=request.user, agency=agency)
        agency = agency_update(
            agency=agency, district=district, actor=request.user, **serializer.validated_data
        )
        return Response(AgencyOutputSerializer(agency).data)


class AgencyLinkOutputSerializer(serializers.ModelSerializer):
    """Only what the coordinator typed and the agency's name: nothing of the other
    districts that work with it."""

    class Meta:
        model = Agency
        fields = ("id", "code", "name")


class AgencyLinkApi(APIView):
    """Link an agency that another district registered to the caller's district, by its code."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "the district comes from those the caller coordinates; the agency by its code"

    class AgencyLinkInputSerializer(SetupInputSerializer):
        district = serializers.IntegerField(
            required=False, help_text="Needed only by a coordinator of several districts."
        )
        code = serializers.CharField(max_length=20)

    @extend_schema(request=AgencyLinkInputSerializer, responses={201: AgencyLinkOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.AgencyLinkInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        district = _district_for_create(request, data.get("district"))
        agency = agency_link(district=district, actor=request.user, code=data["code"])
        return Response(AgencyLinkOutputSerializer(agency).data, status=status.HTTP_201_CREATED)


class PeriodOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationPeriod
        fields = ("id", "district", "name", "start_date", "end_date")


class PeriodListApi(ScopedListApi):
    scoped_model = EvaluationPeriod
    serializer_class = PeriodOutputSerializer
    filterset_fields = ("district", "name")
