"""MOUs between the district and its agencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

from core.api_base import ScopedDetailApi, ScopedListApi
from roster.models import MOU

if TYPE_CHECKING:
    pass


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
        )


class MOUListApi(ScopedListApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer
    filterset_fields = ("district", "agency")


class MOUDetailApi(ScopedDetailApi):
    scoped_model = MOU
    serializer_class = MOUOutputSerializer
