"""The roster import (schools or officers file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_input import InputSerializer
from roster.models import District, Role
from roster.services.imports import roster_import

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class RosterImportApi(APIView):
    """Import a schools or officers file (CSV or XLSX) into the coordinator's district."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "writes only into a district the caller coordinates (checked below)"
    parser_classes = (MultiPartParser, FormParser)

    class RosterImportInputSerializer(InputSerializer):
        file = serializers.FileField()
        district = serializers.CharField(
            required=False, help_text="District code; optional with one district."
        )
        dry_run = serializers.BooleanField(default=False)

    class RosterImportOutputSerializer(serializers.Serializer):
        kind = serializers.CharField()
        rows = serializers.IntegerField()
        dry_run = serializers.BooleanField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        assignments_started = serializers.IntegerField()
        agencies_created = serializers.ListField(child=serializers.CharField())

    @extend_schema(
        request=RosterImportInputSerializer, responses={200: RosterImportOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RosterImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        districts = (
            District.objects.visible_to(request.user)
            .filter(memberships__user=request.user, memberships__role=Role.COORDINATOR)
            .distinct()
        )
        code = serializer.validated_data.get("district")
        if code:
            districts = districts.filter(code__iexact=code)
        district_list = list(districts[:2])
        if len(district_list) != 1:
            return Response(
                {
                    "detail": "Name the district (its code) you coordinate."
                    if district_list
                    else "No such district."
                },
                status=status.HTTP_400_BAD_REQUEST if district_list else status.HTTP_404_NOT_FOUND,
            )
        upload = serializer.validated_data["file"]
        result = roster_import(
            district=district_list[0],
            data=upload,
            filename=upload.name,
            dry_run=serializer.validated_data["dry_run"],
            actor=request.user,
        )
        return Response(self.RosterImportOutputSerializer(result).data)
