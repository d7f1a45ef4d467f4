"""Rubric endpoints: everyone in the district reads; coordinators write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from evaluations.models import Competency, Rubric
from evaluations.selectors.rubrics import rubrics_visible
from evaluations.services.rubrics import rubric_create, rubric_load_default, rubric_revise
from roster.models import District, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from core.http import AuthenticatedRequest


class RubricCompetencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Competency
        fields = (
            "id",
            "code",
            "position",
            "name",
            "description",
            "evidence_examples",
            "weight",
            "critical",
            "unsatisfactory",
            "developing",
            "proficient",
            "exemplary",
        )


class CountedRubric(Protocol):
    """A rubric read through ``rubrics_visible``, which counts its evaluations in the
    same query. (Defined at run time: drf-spectacular reads the method's hints.)"""

    evaluation_count: int


class RubricOutputSerializer(serializers.ModelSerializer):
    competencies = RubricCompetencySerializer(many=True, read_only=True)
    in_use = serializers.SerializerMethodField()

    class Meta:
        model = Rubric
        fields = (
            "id",
            "district",
            "code",
            "version",
            "name",
            "description",
            "in_use",
            "competencies",
            "created_at",
        )

    def get_in_use(self, rubric: CountedRubric) -> bool:
        return bool(rubric.evaluation_count)


class RubricListApi(ScopedListApi):
    scoped_model = Rubric
    serializer_class = RubricOutputSerializer
    filterset_fields = ("district", "code")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return rubrics_visible(user=self.request.user)


class RubricDetailApi(ScopedDetailApi):
    scoped_model = Rubric
    serializer_class = RubricOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return rubrics_visible(user=self.request.user)


class RubricCompetencyInputSerializer(InputSerializer):
    code = serializers.CharField(max_length=60)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField()
    evidence_examples = serializers.CharField(required=False, allow_blank=True, default="")
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    critical = serializers.BooleanField(default=False)
    unsatisfactory = serializers.CharField()
    developing = serializers.CharField()
    proficient = serializers.CharField()
    exemplary = serializers.CharField()


def _coordinated_district(user: User, district_id: int) -> District:
    return get_object_or_404(
        District.objects.visible_to(user)
        .filter(memberships__user=user, memberships__role=Role.COORDINATOR)
        .distinct(),
        pk=district_id,
    )


class RubricCreateApi(APIView):
    """Create a rubric (version 1) in a district the caller coordinates."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = (
        "writes only into a district the caller coordinates (looked up through visible_to)"
    )

    class RubricCreateInputSerializer(InputSerializer):
        district = serializers.IntegerField()
        code = serializers.CharField(max_length=40)
        name = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, default="")
        competencies = RubricCompetencyInputSerializer(many=True)

    @extend_schema(request=RubricCreateInputSerializer, responses={201: RubricOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RubricCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rubric = rubric_create(
            district=_coordinated_district(request.user, data["district"]),
            code=data["code"],
            name=data["name"],
            description=data["description"],
            competencies=[dict(c) for c in data["competencies"]],
            actor=request.user,
        )
        rubric = rubrics_visible(user=request.user).get(pk=rubric.pk)
        return Response(RubricOutputSerializer(rubric).data, status=status.HTTP_201_CREATED)


class RubricReviseApi(ScopedQuerysetMixin, APIView):
    """Edit a rubric: in place while unused, otherwise as a new version (returned)."""

    scoped_model = Rubric
    allowed_roles = (Role.COORDINATOR,)

    class RubricReviseInputSerializer(InputSerializer):
        name = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, default="")
        competencies = RubricCompetencyInputSerializer(many=True)

    @extend_schema(request=RubricReviseInputSerializer, responses={200: RubricOutputSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        rubric = get_object_or_404(self.get_queryset(), pk=pk)
        _coordinated_district(request.user, rubric.district_id)
        serializer = self.RubricReviseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        revised = rubric_revise(
            rubric=rubric,
            name=data["name"],
            description=data["description"],
            competencies=[dict(c) for c in data["competencies"]],
            actor=request.user,
        )
        return Response(
            RubricOutputSerializer(rubrics_visible(user=request.user).get(pk=revised.pk)).data
        )


class RubricLoadDefaultApi(APIView):
    """Give a district the SECURe-aligned default rubric (idempotent)."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = (
        "writes only into a district the caller coordinates (looked up through visible_to)"
    )

    class RubricLoadDefaultInputSerializer(InputSerializer):
        district = serializers.IntegerField()

    @extend_schema(
        request=RubricLoadDefaultInputSerializer, responses={200: RubricOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RubricLoadDefaultInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        district = _coordinated_district(request.user, serializer.validated_data["district"])
        rubric = rubric_load_default(district=district, actor=request.user)
        return Response(
            RubricOutputSerializer(rubrics_visible(user=request.user).get(pk=rubric.pk)).data
        )
