"""The roster import (schools or officers file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_input import InputSerializer
from roster.models import Role
from roster.selectors import districts_coordinated
from roster.services.imports import roster_import

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


def _agency_name(value: str) -> None:
    code, sep, name = value.partition("=")
    if not sep or not code.strip() or not name.strip():
        raise serializers.ValidationError(f"{value!r}: write it CODE=Name.")


class RosterImportApi(APIView):
    """Import a schools or officers file (CSV or XLSX) into the coordinator's district.

    Which kind the file is follows from its header (the district's saved column
    names count). With ``dry_run`` nothing is stored: the answer is the preview,
    one row per file row with what would happen to it, and the codes of new
    agencies that still need a name. A file with any bad row is refused whole
    (400, ``errors`` lists each row and column as written in the file).
    """

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = "writes only into a district the caller coordinates (checked below)"
    parser_classes = (MultiPartParser, FormParser)

    class RosterImportInputSerializer(InputSerializer):
        file = serializers.FileField()
        district = serializers.CharField(
            required=False, help_text="District code; optional with one district."
        )
        agency = serializers.CharField(
            required=False,
            default="",
            max_length=20,
            help_text="Agency code of an officers file that has no agency column.",
        )
        dry_run = serializers.BooleanField(
            default=False, help_text="Check and preview the file, storing nothing."
        )
        agency_names = serializers.ListField(
            child=serializers.CharField(max_length=250, validators=[_agency_name]),
            required=False,
            default=list,
            help_text="CODE=Name for each new agency the file names only by its code.",
        )

    class RosterImportOutputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=["schools", "officers"])
        rows = serializers.IntegerField()
        agency = serializers.CharField(
            required=False,
            default="",
            max_length=20,
            help_text="Agency code of an officers file that has no agency column.",
        )
        dry_run = serializers.BooleanField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        assignments_started = serializers.IntegerField()
        agencies_created = serializers.ListField(child=serializers.CharField())
        agencies_unnamed = serializers.ListField(
            child=serializers.CharField(),
            help_text="New agency codes without a name: give them in agency_names to import.",
        )
        preview = serializers.ListField(
            child=serializers.ListField(child=serializers.JSONField()),
            help_text="One list per row: row number, the row's values, then its action "
            "(new, changed or unchanged, and 'assignment started at SCHOOL').",
        )

    @extend_schema(
        request=RosterImportInputSerializer, responses={200: RosterImportOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RosterImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        districts = districts_coordinated(user=request.user).order_by("code")
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
        names = {
            code: name
            for code, _, name in (
                given.partition("=") for given in serializer.validated_data["agency_names"]
            )
        }
        upload = serializer.validated_data["file"]
        result = roster_import(
            district=district_list[0],
            data=upload,
            filename=upload.name,
            dry_run=serializer.validated_data["dry_run"],
            actor=request.user,
            agency_names=names,
            agency_code=serializer.validated_data["agency"],
        )
        return Response(self.RosterImportOutputSerializer(result).data)
