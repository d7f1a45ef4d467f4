"""Training API: one view per operation, each with its own serializers."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from roster.api_base import ScopedDetailApi, ScopedListApi, ScopedQuerysetMixin
from roster.errors import ApplicationError
from roster.models import Agency, Officer, Role
from roster.tabular import today
from training_records import exports, selectors, services
from training_records.imports import MAPPABLE_FIELDS
from training_records.models import (
    Category,
    ColumnMapping,
    Course,
    StaffTrainingSession,
    TrainingImport,
    TrainingRecord,
    TrainingRequirement,
)

MANAGERS = (Role.SUPERVISOR, Role.COORDINATOR)


def _day(request, name: str, default: datetime.date) -> datetime.date:
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ApplicationError(f"{name} must be a date written YYYY-MM-DD.") from None


def _format(request) -> str:
    fmt = request.query_params.get("file_format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise ApplicationError("file_format must be xlsx or csv.")
    return fmt


def _download(export: exports.ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


FILE_FORMAT = OpenApiParameter("file_format", str, enum=["xlsx", "csv"], description="xlsx (default) or csv")
FILE_RESPONSES = {(200, exports.XLSX_TYPE): bytes, (200, "text/csv"): bytes}
ON_DATE = OpenApiParameter("on", datetime.date, description="The day to judge compliance on (default today)")


# Catalog ------------------------------------------------------------------------


class CourseListApi(ScopedListApi):
    """The course catalog, shared by every district and agency."""

    scope_exempt = "the course catalog is shared reference data, the same for everyone"
    pagination_class = None

    class CourseListOutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = Course
            fields = ["id", "code", "title", "aliases", "category", "hours", "refresher_months"]

    serializer_class = CourseListOutputSerializer

    def get_queryset(self):
        return selectors.courses_all()


class CourseCatalogImportApi(APIView):
    """Load a catalog file (CSV or XLSX); courses are matched by code."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "writes the shared catalog; coordinators only"
    parser_classes = [MultiPartParser, FormParser]

    class CourseCatalogImportInputSerializer(serializers.Serializer):
        file = serializers.FileField()

    class CourseCatalogImportOutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()

    @extend_schema(request=CourseCatalogImportInputSerializer, responses=CourseCatalogImportOutputSerializer)
    def post(self, request):
        serializer = self.CourseCatalogImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        counts = services.course_catalog_import(data=upload, filename=upload.name, actor=request.user)
        return Response(self.CourseCatalogImportOutputSerializer(counts).data)


# Requirements -------------------------------------------------------------------


class RequirementOutputSerializer(serializers.ModelSerializer):
    course_code = serializers.CharField(source="course.code", default=None, allow_null=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = TrainingRequirement
        fields = ["id", "mou", "course", "course_code", "category", "label", "min_hours", "initial", "refresh_months"]


class RequirementListApi(ScopedListApi):
    scoped_model = TrainingRequirement
    serializer_class = RequirementOutputSerializer
    filterset_fields = ["mou", "category", "course"]

    def refine(self, queryset):
        return queryset.select_related("course")


class RequirementCreateApi(APIView):
    """Attach a training requirement to an MOU of the coordinator's district."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "the MOU is looked up among those the caller may manage"

    class RequirementCreateInputSerializer(serializers.Serializer):
        mou = serializers.IntegerField()
        course = serializers.CharField(required=False, allow_blank=True, help_text="Course code")
        category = serializers.ChoiceField(choices=Category.choices, required=False, allow_blank=True)
        min_hours = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, min_value=0)
        initial = serializers.BooleanField(default=False)
        refresh_months = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=120)

    @extend_schema(request=RequirementCreateInputSerializer, responses={201: RequirementOutputSerializer})
    def post(self, request):
        serializer = self.RequirementCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mou = get_object_or_404(selectors.manageable_mous(user=request.user), pk=data["mou"])
        course = None
        if data.get("course"):
            course = Course.objects.filter(code__iexact=data["course"]).first()
            if course is None:
                raise ApplicationError(f"There is no course {data['course']!r}.")
        requirement = services.training_requirement_create(
            mou=mou, course=course, category=data.get("category", ""), min_hours=data.get("min_hours") or 0,
            initial=data["initial"], refresh_months=data.get("refresh_months"), actor=request.user,
        )
        return Response(RequirementOutputSerializer(requirement).data, status=status.HTTP_201_CREATED)


class RequirementDeleteApi(ScopedQuerysetMixin, APIView):
    allowed_roles = (Role.COORDINATOR,)
    scoped_model = TrainingRequirement

    def refine(self, queryset):
        return queryset.filter(mou__in=selectors.manageable_mous(user=self.request.user))

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        requirement = get_object_or_404(self.get_queryset(), pk=pk)
        services.training_requirement_delete(requirement=requirement, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Records ------------------------------------------------------------------------


class RecordOutputSerializer(serializers.ModelSerializer):
    course_code = serializers.CharField(source="course.code")
    course_title = serializers.CharField(source="course.title")
    category = serializers.CharField(source="course.category")
    entered_by = serializers.CharField(source="entered_by.username", default=None, allow_null=True)
    verified_by = serializers.CharField(source="verified_by.username", default=None, allow_null=True)

    class Meta:
        model = TrainingRecord
        fields = ["id", "officer", "course", "course_code", "course_title", "category", "completed_on", "hours",
                  "provider", "certificate", "source", "training_import", "entered_by", "verified_by", "verified_at"]


class RecordListApi(ScopedListApi):
    scoped_model = TrainingRecord
    serializer_class = RecordOutputSerializer
    filterset_fields = ["officer", "course", "source", "training_import"]

    def refine(self, queryset):
        return queryset.select_related("course", "entered_by", "verified_by").order_by("-completed_on", "pk")


class RecordDetailApi(ScopedDetailApi):
    scoped_model = TrainingRecord
    serializer_class = RecordOutputSerializer

    def refine(self, queryset):
        return queryset.select_related("course", "entered_by", "verified_by")


class RecordCreateApi(APIView):
    """Enter one training record (multipart when a certificate is attached)."""

    allowed_roles = MANAGERS
    scope_exempt = "the officer is looked up among those the caller may manage"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class RecordCreateInputSerializer(serializers.Serializer):
        officer = serializers.IntegerField()
        course = serializers.CharField(help_text="Course code")
        completed_on = serializers.DateField()
        hours = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, min_value=0)
        provider = serializers.CharField(required=False, allow_blank=True, max_length=200)
        certificate = serializers.FileField(required=False)

    @extend_schema(request=RecordCreateInputSerializer, responses={201: RecordOutputSerializer})
    def post(self, request):
        serializer = self.RecordCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        officer = get_object_or_404(selectors.manageable_officers(user=request.user), pk=data["officer"])
        course = Course.objects.filter(code__iexact=data["course"]).first()
        if course is None:
            raise ApplicationError(f"There is no course {data['course']!r}.")
        record = services.training_record_create(
            officer=officer, course=course, completed_on=data["completed_on"], hours=data.get("hours"),
            provider=data.get("provider", ""), certificate=data.get("certificate"), entered_by=request.user,
        )
        return Response(RecordOutputSerializer(record).data, status=status.HTTP_201_CREATED)


class RecordVerifyApi(ScopedQuerysetMixin, APIView):
    allowed_roles = MANAGERS
    scoped_model = TrainingRecord

    def refine(self, queryset):
        return queryset.filter(officer__in=selectors.manageable_officers(user=self.request.user)).select_related(
            "officer__agency", "course"
        )

    @extend_schema(request=None, responses=RecordOutputSerializer)
    def post(self, request, pk: int):
        record = get_object_or_404(self.get_queryset(), pk=pk)
        record = services.training_record_verify(record=record, verified_by=request.user)
        return Response(RecordOutputSerializer(record).data)


# Compliance ---------------------------------------------------------------------


class ComplianceItemSerializer(serializers.Serializer):
    requirement_id = serializers.IntegerField()
    mou_id = serializers.IntegerField()
    label = serializers.CharField()
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

    @extend_schema(parameters=[
        ON_DATE,
        OpenApiParameter("agency", int, description="Only this agency's officers"),
        OpenApiParameter("school", int, description="Only officers assigned to this school on the day"),
    ])
    def get(self, request, *args, **kwargs):
        query = self.ComplianceListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        on = query.validated_data.get("on") or today()
        agency = None
        if query.validated_data.get("agency"):
            agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=query.validated_data["agency"])
        rows = selectors.compliance_rows(
            user=request.user, on=on, agency=agency, school_id=query.validated_data.get("school")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OfficerComplianceApi(ScopedQuerysetMixin, APIView):
    scoped_model = Officer

    @extend_schema(parameters=[ON_DATE], responses=OfficerComplianceSerializer)
    def get(self, request, pk: int):
        officer = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        on = _day(request, "on", today())
        standing = selectors.compliance_for_officers(officer_ids=[officer.pk], on=on)[officer.pk]
        return Response(OfficerComplianceSerializer(selectors.ComplianceRow(officer, standing)).data)


class OfficerTrainingHoursApi(ScopedQuerysetMixin, APIView):
    """Hours by category between two dates (default: the last 12 months)."""

    scoped_model = Officer

    class OfficerTrainingHoursOutputSerializer(serializers.Serializer):
        officer = serializers.IntegerField()
        start = serializers.DateField()
        end = serializers.DateField()
        hours = serializers.DictField(child=serializers.DecimalField(max_digits=8, decimal_places=2))

    @extend_schema(
        parameters=[OpenApiParameter("start", datetime.date), OpenApiParameter("end", datetime.date)],
        responses=OfficerTrainingHoursOutputSerializer,
    )
    def get(self, request, pk: int):
        officer = get_object_or_404(self.get_queryset(), pk=pk)
        end = _day(request, "end", today())
        start = _day(request, "start", end - datetime.timedelta(days=365))
        hours = selectors.training_hours_by_category(officer_ids=[officer.pk], start=start, end=end)[officer.pk]
        data = {"officer": officer.pk, "start": start, "end": end, "hours": hours}
        return Response(self.OfficerTrainingHoursOutputSerializer(data).data)


class OfficerTranscriptExportApi(ScopedQuerysetMixin, APIView):
    """The officer's transcript as an XLSX or CSV file."""

    scoped_model = Officer

    @extend_schema(parameters=[FILE_FORMAT], responses=FILE_RESPONSES)
    def get(self, request, pk: int):
        officer = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        export = exports.transcript_export(
            officer=officer, records=selectors.officer_transcript(officer=officer), fmt=_format(request)
        )
        return _download(export)


class AgencyComplianceReportApi(ScopedQuerysetMixin, APIView):
    """An agency's compliance report (the officers of it the caller may see)."""

    scoped_model = Agency

    @extend_schema(parameters=[FILE_FORMAT, ON_DATE], responses=FILE_RESPONSES)
    def get(self, request, pk: int):
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        on = _day(request, "on", today())
        rows = selectors.compliance_rows(user=request.user, on=on, agency=agency)
        return _download(exports.compliance_report_export(agency=agency, rows=rows, on=on, fmt=_format(request)))


# Imports ------------------------------------------------------------------------


class ImportOutputSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    status = serializers.CharField(help_text="checking, previewed, rejected, importing, imported or failed")
    job_percent = serializers.IntegerField(source="job.percent", default=None, allow_null=True)
    preview = serializers.SerializerMethodField()

    class Meta:
        model = TrainingImport
        fields = ["id", "agency", "agency_code", "filename", "status", "rows", "new_records", "duplicates",
                  "created_records", "errors", "preview", "job", "job_percent", "created_at", "imported_at"]

    def get_preview(self, obj: TrainingImport) -> list[dict]:
        keys = ["row", "badge_number", "officer", "course_code", "completed_on", "hours", "provider", "action"]
        return [dict(zip(keys, row, strict=True)) for row in obj.preview]


class ImportListOutputSerializer(serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code")
    status = serializers.CharField(help_text="checking, previewed, rejected, importing, imported or failed")

    class Meta:
        model = TrainingImport
        fields = ["id", "agency", "agency_code", "filename", "status", "rows", "new_records", "duplicates",
                  "created_records", "job", "created_at", "imported_at"]


class ImportListApi(ScopedListApi):
    scoped_model = TrainingImport
    serializer_class = ImportListOutputSerializer
    filterset_fields = ["agency", "status"]

    def refine(self, queryset):
        return queryset.select_related("agency")


class ImportDetailApi(ScopedDetailApi):
    """An import's preview (every row and every error), status and job progress."""

    scoped_model = TrainingImport
    serializer_class = ImportOutputSerializer

    def refine(self, queryset):
        return queryset.select_related("agency", "job")


class ImportUploadApi(APIView):
    """Upload a training log: it is kept and checked, and nothing else is stored
    until it is confirmed. Large files are checked by a task (see ``job``)."""

    allowed_roles = MANAGERS
    scope_exempt = "the agency is looked up among those the caller may import for"
    parser_classes = [MultiPartParser, FormParser]

    class ImportUploadInputSerializer(serializers.Serializer):
        file = serializers.FileField()
        agency = serializers.CharField(help_text="Agency code")

    @extend_schema(request=ImportUploadInputSerializer, responses={201: ImportOutputSerializer})
    def post(self, request):
        serializer = self.ImportUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = get_object_or_404(
            selectors.importable_agencies(user=request.user), code__iexact=serializer.validated_data["agency"]
        )
        upload = serializer.validated_data["file"]
        training_import = services.training_import_upload(
            agency=agency, data=upload, filename=upload.name, actor=request.user
        )
        return Response(ImportOutputSerializer(training_import).data, status=status.HTTP_201_CREATED)


class ImportConfirmApi(ScopedQuerysetMixin, APIView):
    """Import a previewed file; a second confirm answers 409 and imports nothing."""

    allowed_roles = MANAGERS
    scoped_model = TrainingImport

    def refine(self, queryset):
        return queryset.filter(agency__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(request=None, responses=ImportOutputSerializer)
    def post(self, request, pk: int):
        training_import = get_object_or_404(self.get_queryset().select_related("agency"), pk=pk)
        training_import = services.training_import_confirm(training_import=training_import, actor=request.user)
        return Response(ImportOutputSerializer(training_import).data)


# Column mappings ----------------------------------------------------------------


class ColumnMappingOutputSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    mapping = serializers.DictField(child=serializers.CharField())
    fields = serializers.DictField(child=serializers.CharField(), help_text="Field -> what it means")


class ColumnMappingDetailApi(ScopedQuerysetMixin, APIView):
    """The agency's saved header names (field -> header as written in its files)."""

    allowed_roles = MANAGERS
    scoped_model = Agency

    def refine(self, queryset):
        return queryset.filter(pk__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(responses=ColumnMappingOutputSerializer)
    def get(self, request, pk: int):
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        data = {"agency": agency.pk, "mapping": selectors.column_mapping_for(agency=agency), "fields": MAPPABLE_FIELDS}
        return Response(ColumnMappingOutputSerializer(data).data)


class ColumnMappingUpdateApi(ScopedQuerysetMixin, APIView):
    allowed_roles = MANAGERS
    scoped_model = Agency

    class ColumnMappingUpdateInputSerializer(serializers.Serializer):
        mapping = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=100))

    def refine(self, queryset):
        return queryset.filter(pk__in=selectors.importable_agencies(user=self.request.user))

    @extend_schema(request=ColumnMappingUpdateInputSerializer, responses=ColumnMappingOutputSerializer)
    def put(self, request, pk: int):
        agency = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.ColumnMappingUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved: ColumnMapping = services.column_mapping_save(
            agency=agency, mapping=serializer.validated_data["mapping"], actor=request.user
        )
        data = {"agency": agency.pk, "mapping": saved.mapping, "fields": MAPPABLE_FIELDS}
        return Response(ColumnMappingOutputSerializer(data).data)


# Staff sessions -----------------------------------------------------------------


class StaffSessionOutputSerializer(serializers.ModelSerializer):
    school_code = serializers.CharField(source="school.code")

    class Meta:
        model = StaffTrainingSession
        fields = ["id", "school", "school_code", "held_on", "topic", "attendee_count"]


class StaffSessionListApi(ScopedListApi):
    scoped_model = StaffTrainingSession
    serializer_class = StaffSessionOutputSerializer
    filterset_fields = ["school"]

    def refine(self, queryset):
        return queryset.select_related("school")


class StaffSessionCreateApi(APIView):
    allowed_roles = (Role.PRINCIPAL, Role.COORDINATOR)
    scope_exempt = "the school is looked up among those the caller may record sessions for"

    class StaffSessionCreateInputSerializer(serializers.Serializer):
        school = serializers.IntegerField()
        held_on = serializers.DateField()
        topic = serializers.CharField(max_length=200)
        attendee_count = serializers.IntegerField(min_value=1, max_value=5000)

    @extend_schema(request=StaffSessionCreateInputSerializer, responses={201: StaffSessionOutputSerializer})
    def post(self, request):
        serializer = self.StaffSessionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        school = get_object_or_404(selectors.manageable_schools(user=request.user), pk=data["school"])
        session = services.staff_session_create(
            school=school, held_on=data["held_on"], topic=data["topic"], attendee_count=data["attendee_count"],
            actor=request.user,
        )
        return Response(StaffSessionOutputSerializer(session).data, status=status.HTTP_201_CREATED)
