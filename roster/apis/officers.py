"""Officers and their assignments: everyone in scope reads; a coordinator writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api_base import ScopedDetailApi, ScopedListApi
from core.filters import IntegerFilter, StrictFilterSet
from roster import selectors
from roster.apis.common import CoordinatorWrites, SetupInputSerializer
from roster.models import Assignment, FormOfAddress, Officer
from roster.services.assignments import assignment_create, assignment_update
from roster.services.officers import officer_create, officer_update

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest


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
            "form_of_address",
            "current_assignments",
        )


class OfficerFilter(StrictFilterSet):
    school = IntegerFilter(field_name="assignments__school", distinct=True)
    badge_number = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Officer
        fields = ("agency", "school", "badge_number")


def _officer_out(*, user: Any, officer: Officer) -> dict[str, Any]:
    """The officer as the list shows it (current assignments prefetched)."""
    return OfficerOutputSerializer(selectors.officers_visible(user=user).get(pk=officer.pk)).data


class OfficerListApi(CoordinatorWrites, ScopedListApi):
    scoped_model = Officer
    serializer_class = OfficerOutputSerializer
    filterset_class = OfficerFilter

    class OfficerCreateInputSerializer(SetupInputSerializer):
        agency = serializers.IntegerField(help_text="One of the agencies the district works with.")
        badge_number = serializers.CharField(max_length=30)
        first_name = serializers.CharField(max_length=100)
        last_name = serializers.CharField(max_length=100)
        email = serializers.EmailField(required=False, allow_blank=True, default="")
        form_of_address = serializers.ChoiceField(
            choices=FormOfAddress.choices,
            required=False,
            default=FormOfAddress.NEUTRAL,
            help_text="How Spanish survey pages refer to the officer: la oficial, el oficial, "
            "or neutral wording.",
        )

    def get_queryset(self) -> QuerySet[Officer]:
        if getattr(self, "swagger_fake_view", False):
            return Officer.objects.none()
        return selectors.officers_visible(user=self.request.user)

    @extend_schema(request=OfficerCreateInputSerializer, responses={201: OfficerOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        """Add an officer to one of the agencies the coordinator's district works with."""
        serializer = self.OfficerCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["agency"] = get_object_or_404(
            selectors.agencies_coordinated(user=request.user), pk=data["agency"]
        )
        officer = officer_create(actor=request.user, **data)
        return Response(
            _officer_out(user=request.user, officer=officer), status=status.HTTP_201_CREATED
        )


class OfficerDetailApi(CoordinatorWrites, ScopedDetailApi):
    scoped_model = Officer
    serializer_class = OfficerOutputSerializer

    class OfficerUpdateInputSerializer(SetupInputSerializer):
        agency = serializers.IntegerField(required=False)
        badge_number = serializers.CharField(max_length=30, required=False)
        first_name = serializers.CharField(max_length=100, required=False)
        last_name = serializers.CharField(max_length=100, required=False)
        email = serializers.EmailField(required=False, allow_blank=True)
        form_of_address = serializers.ChoiceField(choices=FormOfAddress.choices, required=False)

    def get_queryset(self) -> QuerySet[Officer]:
        if getattr(self, "swagger_fake_view", False):
            return Officer.objects.none()
        return selectors.officers_visible(user=self.request.user)

    @extend_schema(request=OfficerUpdateInputSerializer, responses={200: OfficerOutputSerializer})
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Correct an officer's agency, badge, name, email or form of address (the fields sent)."""
        officer = get_object_or_404(selectors.officers_coordinated(user=request.user), pk=pk)
        serializer = self.OfficerUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "agency" in data:
            data["agency"] = get_object_or_404(
                selectors.agencies_coordinated(user=request.user), pk=data["agency"]
            )
        officer = officer_update(officer=officer, actor=request.user, **data)
        return Response(_officer_out(user=request.user, officer=officer))


class AssignmentOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ("id", "officer", "school", "start_date", "end_date")


class AssignmentListApi(CoordinatorWrites, ScopedListApi):
    scoped_model = Assignment
    serializer_class = AssignmentOutputSerializer
    filterset_fields = ("officer", "school")

    class AssignmentCreateInputSerializer(SetupInputSerializer):
        officer = serializers.IntegerField()
        school = serializers.IntegerField(help_text="A school of a district you coordinate.")
        start_date = serializers.DateField()
        end_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=AssignmentCreateInputSerializer, responses={201: AssignmentOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Assign an officer to a school; the same officer at the same school on
        overlapping dates is refused (another school at the same time is fine)."""
        serializer = self.AssignmentCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["officer"] = get_object_or_404(
            selectors.officers_coordinated(user=request.user), pk=data["officer"]
        )
        data["school"] = get_object_or_404(
            selectors.schools_coordinated(user=request.user), pk=data["school"]
        )
        assignment = assignment_create(actor=request.user, **data)
        return Response(AssignmentOutputSerializer(assignment).data, status=status.HTTP_201_CREATED)


class AssignmentDetailApi(CoordinatorWrites, ScopedDetailApi):
    scoped_model = Assignment
    serializer_class = AssignmentOutputSerializer

    class AssignmentUpdateInputSerializer(SetupInputSerializer):
        start_date = serializers.DateField(required=False)
        end_date = serializers.DateField(
            required=False, allow_null=True, help_text="Setting it ends the assignment."
        )
        reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

    @extend_schema(
        request=AssignmentUpdateInputSerializer, responses={200: AssignmentOutputSerializer}
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Change an assignment's dates (the ones sent); an end date ends it."""
        assignment = get_object_or_404(selectors.assignments_coordinated(user=request.user), pk=pk)
        serializer = self.AssignmentUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = assignment_update(
            assignment=assignment,
            start_date=data.get("start_date", assignment.start_date),
            end_date=data.get("end_date", assignment.end_date),
            reason=data.get("reason", ""),
            actor=request.user,
        )
        return Response(AssignmentOutputSerializer(assignment).data)
