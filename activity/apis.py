from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from activity.models import (
    ActionType,
    Complaint,
    ComplaintStatus,
    Disability,
    EnglishLearner,
    Enrollment,
    ForceLevel,
    Grade,
    Incident,
    OffenseCategory,
    RaceEthnicity,
    Sex,
)
from activity.selectors import activity_metrics_for_officers
from activity.selectors import records as selectors
from activity.services.complaints import complaint_update
from activity.services.enrollment import enrollment_set
from activity.services.imports import activity_import
from activity.services.incidents import incident_record_or_error
from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.api_query import StrictQueryMixin
from core.errors import ApplicationError
from core.filters import StrictFilterSet
from roster.models import Officer, Role

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class IncidentOutputSerializer(serializers.ModelSerializer):
    class IncidentActionOutputSerializer(serializers.Serializer):
        action_type = serializers.CharField()
        force_level = serializers.IntegerField(allow_null=True)

    agency_code = serializers.CharField(source="agency.code")
    school_code = serializers.CharField(source="school.code")
    actions = IncidentActionOutputSerializer(many=True)

    class Meta:
        model = Incident
        fields = (
            "id",
            "agency_code",
            "incident_number",
            "officer",
            "school",
            "school_code",
            "date",
            "offense_category",
            "ordinary_discipline",
            "race_ethnicity",
            "sex",
            "disability",
            "english_learner",
            "grade",
            "actions",
        )


class IncidentFilter(StrictFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Incident
        fields = ("officer", "school", "date_from", "date_to")


class IncidentListApi(ScopedListApi):
    scoped_model = Incident
    serializer_class = IncidentOutputSerializer
    filterset_class = IncidentFilter

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("agency", "school").prefetch_related("actions")


class IncidentDetailApi(ScopedDetailApi):
    scoped_model = Incident
    serializer_class = IncidentOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.select_related("agency", "school").prefetch_related("actions")


class IncidentCreateApi(APIView):
    """Record one incident (one student) and what the officer did."""

    allowed_roles = (Role.COORDINATOR, Role.SUPERVISOR)
    scope_exempt = "officer and school are looked up through visible_to(user) below"

    class IncidentCreateInputSerializer(InputSerializer):
        officer = serializers.IntegerField()
        school = serializers.IntegerField()
        incident_number = serializers.CharField(max_length=40)
        date = serializers.DateField()
        offense_category = serializers.ChoiceField(choices=OffenseCategory.choices)
        ordinary_discipline = serializers.BooleanField(default=False)
        actions = serializers.ListField(
            child=serializers.ChoiceField(choices=ActionType.choices), min_length=1
        )
        force_level = serializers.ChoiceField(
            choices=ForceLevel.choices, required=False, allow_null=True
        )
        race_ethnicity = serializers.ChoiceField(choices=RaceEthnicity.choices)
        sex = serializers.ChoiceField(choices=Sex.choices)
        disability = serializers.ChoiceField(choices=Disability.choices)
        english_learner = serializers.ChoiceField(choices=EnglishLearner.choices)
        grade = serializers.ChoiceField(choices=Grade.choices)

    @extend_schema(request=IncidentCreateInputSerializer, responses={201: IncidentOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.IncidentCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["officer"] = get_object_or_404(
            selectors.officers_for_entry(user=request.user), pk=data["officer"]
        )
        data["school"] = get_object_or_404(
            selectors.schools_for_entry(user=request.user), pk=data["school"]
        )
        data.setdefault("force_level", None)
        incident = incident_record_or_error(actor=request.user, **data)
        incident = selectors.incidents_visible(user=request.user).get(pk=incident.pk)
        return Response(IncidentOutputSerializer(incident).data, status=status.HTTP_201_CREATED)


class ActivityImportApi(APIView):
    """Import an activity or enrollment file (CSV or XLSX): all rows or none."""

    allowed_roles = (Role.COORDINATOR, Role.SUPERVISOR)
    scope_exempt = "writes only into a district where the caller records activity (checked below)"
    parser_classes = (MultiPartParser, FormParser)

    class ActivityImportInputSerializer(InputSerializer):
        file = serializers.FileField()
        district = serializers.CharField(
            required=False, help_text="District code; optional with one district."
        )
        dry_run = serializers.BooleanField(default=False)

    class ActivityImportOutputSerializer(serializers.Serializer):
        kind = serializers.CharField()
        rows = serializers.IntegerField()
        dry_run = serializers.BooleanField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()

    @extend_schema(
        request=ActivityImportInputSerializer, responses={200: ActivityImportOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.ActivityImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        districts = selectors.districts_for_entry(user=request.user)
        code = serializer.validated_data.get("district")
        if code:
            districts = districts.filter(code__iexact=code)
        found = list(districts[:2])
        if len(found) != 1:
            raise ApplicationError(
                "Name the district (its code) you record activity in."
                if found
                else "No such district.",
                status=400 if found else 404,
            )
        upload = serializer.validated_data["file"]
        result = activity_import(
            district=found[0],
            actor=request.user,
            data=upload,
            filename=upload.name,
            dry_run=serializer.validated_data["dry_run"],
        )
        return Response(self.ActivityImportOutputSerializer(result).data)


class EnrollmentOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrollment
        fields = ("id", "school", "period", "dimension", "group", "students")


class EnrollmentListApi(ScopedListApi):
    scoped_model = Enrollment
    serializer_class = EnrollmentOutputSerializer
    filterset_fields = ("school", "period", "dimension")


class EnrollmentSetApi(APIView):
    """Replace a school's enrollment by group for a period."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "school and period are looked up through visible_to(user) below"

    class EnrollmentSetInputSerializer(InputSerializer):
        school = serializers.IntegerField()
        period = serializers.IntegerField()
        figures = serializers.DictField(
            child=serializers.IntegerField(min_value=0),
            help_text='"all" or "dimension:group" -> students',
        )

    @extend_schema(
        request=EnrollmentSetInputSerializer, responses={200: EnrollmentOutputSerializer(many=True)}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.EnrollmentSetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        school = get_object_or_404(
            selectors.schools_for_entry(user=request.user).filter(
                district__in=selectors.districts_for_entry(user=request.user)
            ),
            pk=serializer.validated_data["school"],
        )
        period = get_object_or_404(
            selectors.periods_visible(user=request.user), pk=serializer.validated_data["period"]
        )
        rows = enrollment_set(
            school=school,
            period=period,
            figures=serializer.validated_data["figures"],
            actor=request.user,
        )
        return Response(EnrollmentOutputSerializer(rows, many=True).data)


class ComplaintOutputSerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=", ".join(ComplaintStatus.values))

    class Meta:
        model = Complaint
        fields = (
            "id",
            "district",
            "school",
            "officer",
            "received_date",
            "incident_date",
            "source",
            "allegations",
            "account",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "investigation_started_on",
            "closed_on",
            "findings",
        )


class ComplaintListApi(ScopedListApi):
    scoped_model = Complaint
    serializer_class = ComplaintOutputSerializer
    filterset_fields = ("status", "officer", "school")


class ComplaintDetailApi(ScopedDetailApi):
    scoped_model = Complaint
    serializer_class = ComplaintOutputSerializer


class ComplaintUpdateApi(APIView):
    """Move a complaint's investigation along, name the officer, record findings (audited)."""

    allowed_roles = (Role.COORDINATOR, Role.SUPERVISOR)
    scoped_model = Complaint

    class ComplaintUpdateInputSerializer(InputSerializer):
        # A plain string (validated by the service): a "status" enum here would collide
        # with the other apps' status enums in the OpenAPI schema.
        status = serializers.CharField(required=False, help_text=", ".join(ComplaintStatus.values))
        officer = serializers.IntegerField(required=False)
        findings = serializers.CharField(required=False, allow_blank=True)
        on = serializers.DateField(required=False)
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=ComplaintUpdateInputSerializer, responses={200: ComplaintOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = get_object_or_404(selectors.complaints_visible(user=request.user), pk=pk)
        serializer = self.ComplaintUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        officer = None
        if "officer" in data:
            officer = get_object_or_404(
                selectors.officers_for_entry(user=request.user), pk=data["officer"]
            )
        updated = complaint_update(
            complaint=complaint,
            actor=request.user,
            status=data.get("status"),
            officer=officer,
            findings=data.get("findings"),
            on=data.get("on"),
            reason=data["reason"],
        )
        return Response(ComplaintOutputSerializer(updated).data)


class OfficerActivityMetricsApi(StrictQueryMixin, APIView):
    """Activity metrics for every officer you can see, for one period."""

    scoped_model = Officer

    class OfficerActivityMetricsOutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="officer_id")
        incidents = serializers.IntegerField()
        counts_by_type = serializers.DictField(child=serializers.IntegerField())
        alternatives_share = serializers.FloatField(allow_null=True)
        arrests_per_1000 = serializers.FloatField(allow_null=True)
        referrals_per_1000 = serializers.FloatField(allow_null=True)
        highest_force_level = serializers.IntegerField(allow_null=True)
        ordinary_discipline_count = serializers.IntegerField()
        complaints_by_outcome = serializers.DictField(child=serializers.IntegerField())
        relative_rates = serializers.SerializerMethodField()

        def get_relative_rates(self, metrics) -> dict[str, float | None]:
            return {key: rate.relative_rate for key, rate in metrics.relative_rates.items()}

    @extend_schema(
        parameters=[OpenApiParameter("period", int, required=True)],
        responses={200: OfficerActivityMetricsOutputSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        period_id = request.query_params.get("period", "")
        if not period_id.isdigit():
            raise ApplicationError("Give the period's id: ?period=<id>.")
        period = get_object_or_404(selectors.periods_visible(user=request.user), pk=int(period_id))
        officer_ids = list(
            selectors.officers_for_entry(user=request.user).values_list("pk", flat=True)
        )
        metrics = activity_metrics_for_officers(officer_ids=officer_ids, period=period)
        return Response(
            self.OfficerActivityMetricsOutputSerializer(list(metrics.values()), many=True).data
        )
