"""Compliance, hours, transcripts and reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedListApi, ScopedQuerysetMixin
from core.dates import today
from roster.models import Agency, Officer
from training_records import exports, selectors
from training_records.apis.common import (
    FILE_FORMAT,
    FILE_RESPONSES,
    ON_DATE,
    download,
    file_format,
    query_day,
)

if TYPE_CHECKING:
    from django.http import HttpResponse
    from rest_framework.request import Request

    from core.http import AuthenticatedRequest

# Compliance ---------------------------------------------------------------------


class ComplianceItemSerializer(serializers.Serializer):
    requirement_id = serializers.IntegerField()
    mou_id = serializers.IntegerField()
    # DRF's metaclass moves declared fields out of the class, so this shadows no
    # Field.label at run time; the stubs see an attribute of another type.
    label = serializers.CharField()  # type: ignore[assignment]
    course_code = serializers.CharField(allow_null=True)
    category = serializers.CharField()
    min_hours = serializers.DecimalField(max_digits=6, decimal_places=2)
    initial = serializers.BooleanField()
    refresh_months = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    overdue_since = serializers.DateField(allow_null=True)
    overdue_days = serializers.IntegerField()
    last_completed_on = serializers.DateField(allow_null=True)
    hours_in_period = serializers.DecimalField(max_digits=8, decimal_places=2)


class OfficerComplianceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="officer.pk")
    badge_number = serializers.CharField(source="officer.badge_number")
    name = serializers.CharField(source="officer.full_name")
    agency = serializers.CharField(source="officer.agency.code")
    on = serializers.DateField(source="compliance.on")
    worst_status = serializers.CharField(source="compliance.worst_status")
    max_overdue_days = serializers.IntegerField(source="compliance.max_overdue_days")
    requirements = ComplianceItemSerializer(source="compliance.requirements", many=True)


class ComplianceListApi(ScopedListApi):
    """Compliance of every officer the caller may see, overdue first, then due soon."""

    scoped_model = Officer
    serializer_class = OfficerComplianceSerializer

    class ComplianceListQuerySerializer(serializers.Serializer):
        on = serializers.DateField(required=False)
        agency = serializers.IntegerField(required=False, min_value=1)
        school = serializers.IntegerField(required=False, min_value=1)

    @extend_schema(
        parameters=[
            ON_DATE,
            OpenApiParameter("agency", int, description="Only this agency's officers"),
            OpenApiParameter(
                "school", int, description="Only officers assigned to this school on the day"
            ),
        ]
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        query = self.ComplianceListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or today()
        agency = None
        if query.validated_data.get("agency"):
            agency = get_object_or_404(
                Agency.objects.visible_to(request.user), pk=query.validated_data["agency"]
            )
        rows = selectors.compliance_rows(
            user=request.user, on=on, agency=agency, school_id=query.validated_data.get("school")
        )
        # DRF's paginators slice any sequence; the stubs ask for a QuerySet.
        page: list[selectors.ComplianceRow] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OfficerComplianceApi(ScopedQuerysetMixin, APIView):
    scoped_model = Officer

    @extend_schema(parameters=[ON_DATE], responses=OfficerComplianceSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        officer = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        on = query_day(request, "on", today())
        standing = selectors.compliance_for_officers(officer_ids=[officer.pk], on=on)[officer.pk]
        return Response(
            OfficerComplianceSerializer(selectors.ComplianceRow(officer, standing)).data
        )


class OfficerTrainingHoursApi(ScopedQuerysetMixin, APIView):
    """Hours by category between two dates (default: the last 12 months)."""

    scoped_model = Officer

    class OfficerTrainingHoursOutputSerializer(serializers.Serializer):
        officer = serializers.IntegerField()
        start = serializers.DateField()
        end = serializers.DateField()
        hours = serializers.DictField(
            child=serializers.DecimalField(max_digits=8, decimal_places=2)
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("start", datetime.date),
            OpenApiParameter("end", datetime.date),
        ],
        responses=OfficerTrainingHoursOutputSerializer,
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        officer = get_object_or_404(self.get_queryset(), pk=pk)
        end = query_day(request, "end", today())
        start = query_day(request, "start", end - datetime.timedelta(days=365))
        hours = selectors.training_hours_by_category(
            officer_ids=[officer.pk], start=start, end=end
        )[officer.pk]
        data = {"officer": officer.pk, "start": start, "end": end, "hours": hours}
        return Response(self.OfficerTrainingHoursOutputSerializer(data).data)


class OfficerTranscriptExportApi(ScopedQuerysetMixin, APIView):
    """The officer's transcript as an XLSX or CSV file."""

    scoped_model = Officer

    @extend_schema(parameters=[FILE_FORMAT], responses=FILE_RESPONSES)
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        officer = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        export = exports.transcript_export(
            officer=officer,
            records=selectors.officer_transcript(officer=officer),
            fmt=file_format(request),
        )
        return download(export)


class AgencyComplianceReportApi(ScopedQuerysetMixin, APIView):
    """An agency's compliance report (the officers of it the caller may see)."""

    scoped_model = Agency

    @extend_schema(parameters=[FILE_FORMAT, ON_DATE], responses=FILE_RESPONSES)
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        on = query_day(request, "on", today())
        rows = selectors.compliance_rows(user=request.user, on=on, agency=agency)
        return download(
            exports.compliance_report_export(
                agency=agency, rows=rows, on=on, fmt=file_format(request)
            )
        )
