"""Hiring guideline endpoints: everyone in the district reads; the coordinator writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from hiring.models import HiringGuideline, SelectionCriterion
from hiring.permissions import can_manage_guidelines
from hiring.selectors.guidelines import guidelines_visible
from hiring.services.guidelines import (
    CriterionSpec,
    guideline_publish,
    guideline_revise,
    guideline_start_default,
    guideline_update_draft,
)
from roster.models import District, Role

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class CriterionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = SelectionCriterion
        fields = ("id", "code", "name", "description", "weight", "position")


class GuidelineOutputSerializer(serializers.ModelSerializer):
    criteria = CriterionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = HiringGuideline
        fields = (
            "id",
            "district",
            "version",
            "title",
            "introduction",
            "published_on",
            "criteria",
            "created_at",
        )


def _output(request: AuthenticatedRequest, pk: int) -> dict[str, Any]:
    guideline = guidelines_visible(user=request.user).prefetch_related("criteria").get(pk=pk)
    return GuidelineOutputSerializer(guideline).data


class CriterionInputSerializer(InputSerializer):
    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    weight = serializers.IntegerField(min_value=1, max_value=10, default=1)


class HiringGuidelineListApi(ScopedListApi):
    scoped_model = HiringGuideline
    serializer_class = GuidelineOutputSerializer
    filterset_fields = ("district",)

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return guidelines_visible(user=self.request.user).prefetch_related("criteria")


class HiringGuidelineDetailApi(ScopedDetailApi):
    scoped_model = HiringGuideline
    serializer_class = GuidelineOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return guidelines_visible(user=self.request.user).prefetch_related("criteria")


class HiringGuidelineStartApi(APIView):
    """Give a district without guidelines a draft built from SECURe's qualities."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = (
        "writes only into a district the caller coordinates (checked by can_manage_guidelines)"
    )

    class HiringGuidelineStartInputSerializer(InputSerializer):
        district = serializers.IntegerField()

    @extend_schema(
        request=HiringGuidelineStartInputSerializer, responses={201: GuidelineOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.HiringGuidelineStartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        district = get_object_or_404(
            District.objects.visible_to(request.user), pk=serializer.validated_data["district"]
        )
        if not can_manage_guidelines(request.user, district):
            raise Http404
        guideline = guideline_start_default(district=district, actor=request.user)
        return Response(_output(request, guideline.pk), status=status.HTTP_201_CREATED)


class _GuidelineWriteApi(ScopedQuerysetMixin, APIView):
    scoped_model = HiringGuideline
    allowed_roles = (Role.COORDINATOR,)

    def guideline(self, request: AuthenticatedRequest, pk: int) -> HiringGuideline:
        guideline = get_object_or_404(self.get_queryset(), pk=pk)
        if not can_manage_guidelines(request.user, guideline.district_id):
            raise Http404
        return guideline


class HiringGuidelineUpdateApi(_GuidelineWriteApi):
    """Replace a draft's title, introduction and qualities; a published version is refused."""

    class HiringGuidelineUpdateInputSerializer(InputSerializer):
        title = serializers.CharField(max_length=200)
        introduction = serializers.CharField(required=False, allow_blank=True, default="")
        criteria = CriterionInputSerializer(many=True)

    @extend_schema(
        request=HiringGuidelineUpdateInputSerializer, responses={200: GuidelineOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        guideline = self.guideline(request, pk)
        serializer = self.HiringGuidelineUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        guideline_update_draft(
            guideline=guideline,
            title=serializer.validated_data["title"],
            introduction=serializer.validated_data["introduction"],
            criteria=[CriterionSpec(**dict(c)) for c in serializer.validated_data["criteria"]],
            actor=request.user,
        )
        return Response(_output(request, guideline.pk))


class HiringGuidelinePublishApi(_GuidelineWriteApi):
    @extend_schema(request=None, responses={200: GuidelineOutputSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        guideline = guideline_publish(guideline=self.guideline(request, pk), actor=request.user)
        return Response(_output(request, guideline.pk))


class HiringGuidelineReviseApi(_GuidelineWriteApi):
    """A new draft copied from the latest (published) version; returned."""

    @extend_schema(request=None, responses={201: GuidelineOutputSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        draft = guideline_revise(guideline=self.guideline(request, pk), actor=request.user)
        return Response(_output(request, draft.pk), status=status.HTTP_201_CREATED)
