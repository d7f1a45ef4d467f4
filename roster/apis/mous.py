"""MOUs between the district and its agencies: everyone in scope reads; a coordinator writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api_base import ScopedDetailApi, ScopedListApi
from roster import selectors
from roster.apis.common import CoordinatorWrites, SetupInputSerializer
from roster.models import MOU
from roster.services.mous import mou_create, mou_update

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class MOUOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = MOU
        fields = (
            "id",
            "district",
            "agency",
            "effective_date",
            "end_date",
            "next_review_date",
            "removal_response_days",
            "evaluation_acknowledgement_days",
        )


class MOUListApi(CoordinatorWrites, ScopedListApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer
    filterset_fields = ("district", "agency")

    class MOUCreateInputSerializer(SetupInputSerializer):
        district = serializers.IntegerField(help_text="A district you coordinate.")
        agency = serializers.IntegerField(help_text="An agency the district works with.")
        effective_date = serializers.DateField()
        end_date = serializers.DateField(required=False, allow_null=True, default=None)
        next_review_date = serializers.DateField(required=False, allow_null=True, default=None)
        removal_response_days = serializers.IntegerField(
            min_value=1, max_value=32767, required=False, default=30
        )
        evaluation_acknowledgement_days = serializers.IntegerField(
            min_value=1, max_value=32767, required=False, default=14
        )

    @extend_schema(request=MOUCreateInputSerializer, responses={201: MOUOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        """Record an MOU; two of one district and agency in force on the same day are refused."""
        serializer = self.MOUCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["district"] = get_object_or_404(
            selectors.districts_coordinated(user=request.user), pk=data["district"]
        )
        data["agency"] = get_object_or_404(
            selectors.agencies_coordinated(user=request.user), pk=data["agency"]
        )
        mou = mou_create(actor=request.user, **data)
        return Response(MOUOutputSerializer(mou).data, status=status.HTTP_201_CREATED)


class MOUDetailApi(CoordinatorWrites, ScopedDetailApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer

    class MOUUpdateInputSerializer(SetupInputSerializer):
        effective_date = serializers.DateField(required=False)
        end_date = serializers.DateField(required=False, allow_null=True)
        next_review_date = serializers.DateField(required=False, allow_null=True)
        removal_response_days = serializers.IntegerField(
            min_value=1, max_value=32767, required=False
        )
        evaluation_acknowledgement_days = serializers.IntegerField(
            min_value=1, max_value=32767, required=False
        )

    @extend_schema(request=MOUUpdateInputSerializer, responses={200: MOUOutputSerializer})
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Change an MOU's terms (the ones sent); its district and agency stay."""
        mou = get_object_or_404(selectors.mous_coordinated(user=request.user), pk=pk)
        serializer = self.MOUUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        mou = mou_update(
            mou=mou,
            effective_date=data.get("effective_date", mou.effective_date),
            end_date=data.get("end_date", mou.end_date),
            next_review_date=data.get("next_review_date", mou.next_review_date),
            removal_response_days=data.get("removal_response_days", mou.removal_response_days),
            evaluation_acknowledgement_days=data.get(
                "evaluation_acknowledgement_days", mou.evaluation_acknowledgement_days
            ),
            actor=request.user,
        )
        return Response(MOUOutputSerializer(mou).data)
