"""Districts, schools, agencies, MOUs and school years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

from core.api_base import ScopedDetailApi, ScopedListApi
from core.filters import StrictFilterSet
from roster.models import Agency, District, EvaluationPeriod, School

if TYPE_CHECKING:
    pass


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


class PeriodOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationPeriod
        fields = ("id", "district", "name", "start_date", "end_date")


class PeriodListApi(ScopedListApi):
    scoped_model = EvaluationPeriod
    serializer_class = PeriodOutputSerializer
    filterset_fields = ("district", "name")
