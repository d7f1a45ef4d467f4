"""Officers and their assignments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import django_filters
from rest_framework import serializers

from core.api_base import ScopedDetailApi, ScopedListApi
from core.filters import IntegerFilter, StrictFilterSet
from roster import selectors
from roster.models import Assignment, Officer

if TYPE_CHECKING:
    from django.db.models import QuerySet


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
