"""Self-assessment endpoints: the district's assessments, and one with its sheet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api_base import ScopedDetailApi, ScopedListApi
from selfassessment.models import SelfAssessment
from selfassessment.permissions import can_assess
from selfassessment.selectors import assessments as selectors
from selfassessment.sheet import sheet_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class SelfAssessmentListOutputSerializer(serializers.ModelSerializer):
    district_code = serializers.CharField(source="district.code")
    period_name = serializers.CharField(source="period.name")

    class Meta:
        model = SelfAssessment
        fields: tuple[str, ...] = (
            "id",
            "district",
            "district_code",
            "period",
            "period_name",
            "checklist",
            "completed_on",
            "updated_at",
        )


class SelfAssessmentDetailOutputSerializer(SelfAssessmentListOutputSerializer):
    sheet = serializers.SerializerMethodField(
        help_text="Every item with its answer, evidence text and link or note, and the score"
        " per step: the frozen snapshot once completed, else as of today."
    )

    class Meta(SelfAssessmentListOutputSerializer.Meta):
        fields = (*SelfAssessmentListOutputSerializer.Meta.fields, "sheet")

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_sheet(self, assessment: SelfAssessment) -> dict[str, Any]:
        return sheet_for(assessment)


def _for_coordinators(user: User | AnonymousUser, queryset: QuerySet[Any]) -> QuerySet[Any]:
    # Scoped to the coordinator's districts already; other roles get an empty list / 404.
    return queryset if can_assess(user=user) else queryset.none()


class SelfAssessmentListApi(ScopedListApi):
    """The self-assessments of the caller's districts (coordinators), newest year first."""

    scoped_model = SelfAssessment
    serializer_class = SelfAssessmentListOutputSerializer
    filterset_fields = ("period", "district")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _for_coordinators(
            self.request.user,
            queryset.select_related("district", "period").order_by(
                "district__name", "-period__start_date"
            ),
        )


class SelfAssessmentDetailApi(ScopedDetailApi):
    """One self-assessment with its sheet."""

    scoped_model = SelfAssessment
    serializer_class = SelfAssessmentDetailOutputSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return SelfAssessment.objects.none()
        return _for_coordinators(
            self.request.user,
            selectors.assessment_with_answers(user=self.request.user),
        )
