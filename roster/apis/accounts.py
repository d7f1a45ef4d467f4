"""The caller's own account (API tokens are in accounts.apis)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from roster import selectors

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class MeApi(APIView):
    scope_exempt = "answers only with the caller's own account and memberships"

    class MeOutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        memberships = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: AuthenticatedRequest) -> Response:
        memberships = [
            {
                "role": m.role,
                "district": m.district.code,
                "school": m.school.code if m.school else None,
                "agency": m.agency.code if m.agency else None,
                "officer": m.officer_id,
            }
            for m in selectors.memberships_of(user=request.user)
        ]
        data = {
            "username": request.user.get_username(),
            "roles": selectors.user_roles(user=request.user),
            "memberships": memberships,
        }
        return Response(self.MeOutputSerializer(data).data)
