"""MOU versions over the API: readers list and read them; a coordinator writes one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import Clause, MOUClause, MOUVersion
from agreements.permissions import can_manage_mou_record
from agreements.selectors import records as selectors
from agreements.services.versions import VersionTerms, version_create
from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.errors import ApplicationError
from roster.models import MOU, Role

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class MOUClauseOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = MOUClause
        fields = ("clause", "text_en", "text_es")


class MOUVersionOutputSerializer(serializers.ModelSerializer):
    clauses = MOUClauseOutputSerializer(many=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = MOUVersion
        fields = (
            "id",
            "mou",
            "number",
            "adopted_on",
            "text",
            "has_document",
            "removal_response_days",
            "review_cycle_months",
            "bars_ordinary_discipline",
            "changes_en",
            "changes_es",
            "clauses",
        )

    def get_has_document(self, version: MOUVersion) -> bool:
        return bool(version.document)


def _with_clauses(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.prefetch_related(
        Prefetch("clauses", queryset=MOUClause.objects.order_by("clause"))
    )


class MOUVersionListApi(ScopedListApi):
    """The versions of the MOUs you read; ``?mou=`` narrows to one."""

    scoped_model = MOUVersion
    serializer_class = MOUVersionOutputSerializer
    filterset_fields = ("mou",)

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _with_clauses(queryset).order_by("mou_id", "-number")


class MOUVersionDetailApi(ScopedDetailApi):
    scoped_model = MOUVersion
    serializer_class = MOUVersionOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _with_clauses(queryset)


class MOUVersionCreateApi(APIView):
    """Write a new version of the MOU: its first (adopted on the MOU's effective date)
    when it has none, else a draft. Proposals of a review go through the review's page."""

    allowed_roles = (Role.COORDINATOR,)
    scoped_model = MOU

    class MOUClauseInputSerializer(InputSerializer):
        clause = serializers.ChoiceField(choices=Clause.choices)
        text_en = serializers.CharField()
        text_es = serializers.CharField(required=False, allow_blank=True, default="")

    class MOUVersionCreateInputSerializer(InputSerializer):
        text = serializers.CharField(required=False, allow_blank=True, default="")
        removal_response_days = serializers.IntegerField(min_value=1, max_value=365, default=30)
        review_cycle_months = serializers.IntegerField(min_value=1, max_value=120, default=12)
        bars_ordinary_discipline = serializers.BooleanField(default=True)
        changes_en = serializers.CharField(required=False, allow_blank=True, default="")
        changes_es = serializers.CharField(required=False, allow_blank=True, default="")
        clauses = serializers.ListField(child=serializers.DictField(), required=False, default=list)

    @extend_schema(
        request=MOUVersionCreateInputSerializer, responses={201: MOUVersionOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        mou = get_object_or_404(selectors.mous_visible(user=request.user), pk=pk)
        if not can_manage_mou_record(user=request.user, mou=mou):
            raise ApplicationError("Only the district's coordinators write its MOU.", status=403)
        serializer = self.MOUVersionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        clauses = self.MOUClauseInputSerializer(data=data.pop("clauses"), many=True)
        clauses.is_valid(raise_exception=True)
        terms = VersionTerms(
            **data,
            clauses={c["clause"]: (c["text_en"], c["text_es"]) for c in clauses.validated_data},
        )
        version = version_create(
            mou=mou, terms=terms, actor=request.user, adopt_as_first=not mou.versions.exists()
        )
        version = _with_clauses(MOUVersion.objects.filter(pk=version.pk)).get()
        return Response(MOUVersionOutputSerializer(version).data, status=status.HTTP_201_CREATED)
