"""Packet endpoints: list, read, download, build one, review, acknowledge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from packets import selectors as selectors
from packets.models import Packet, PacketStatus, PacketVersion
from packets.readiness import packet_is_stale, packet_sign_off_blockers
from packets.services import review, versions
from roster.models import EvaluationPeriod, Officer, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import WithAnnotations

    from core.http import AuthenticatedRequest

# Plain strings, not enums: "status" is already the name of the job status enum in the schema.
STATUS_HELP = "One of: " + ", ".join(f"{value} ({label})" for value, label in PacketStatus.choices)


# What an API works out for an object and keeps on it for the object's serializer.
class _Versions(TypedDict):
    version_list: list[PacketVersion]


class _Actions(TypedDict):
    is_latest: bool
    can_review: bool
    can_acknowledge: bool
    is_stale: bool
    sign_off_blockers: list[str]


if TYPE_CHECKING:
    PacketWithVersions = WithAnnotations[Packet, _Versions]
    VersionWithActions = WithAnnotations[PacketVersion, _Actions]


class PacketListOutputSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.full_name")
    agency_code = serializers.CharField(source="officer.agency.code")
    period_name = serializers.CharField(source="period.name")
    latest_version_id = serializers.IntegerField(allow_null=True)
    latest_number = serializers.IntegerField(allow_null=True)
    latest_status = serializers.CharField(allow_null=True, help_text=STATUS_HELP)

    class Meta:
        model = Packet
        fields: tuple[str, ...] = (
            "id",
            "officer",
            "officer_name",
            "agency_code",
            "period",
            "period_name",
            "latest_version_id",
            "latest_number",
            "latest_status",
            "updated_at",
        )


class PacketListApi(ScopedListApi):
    """Packets the caller may read, each with its latest version's status (filter ``status``)."""

    scoped_model = Packet
    serializer_class = PacketListOutputSerializer
    filterset_fields = ("period", "officer")

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return Packet.objects.none()
        return selectors.packets_visible(
            user=self.request.user, status=self.request.query_params.get("status")
        )


class PacketVersionSummarySerializer(serializers.ModelSerializer):
    status = serializers.CharField(help_text=STATUS_HELP)

    class Meta:
        model = PacketVersion
        fields = (
            "id",
            "number",
            "content_hash",
            "status",
            "created_at",
            "reviewed_at",
            "acknowledged_at",
        )


class PacketDetailOutputSerializer(PacketListOutputSerializer):
    versions = PacketVersionSummarySerializer(many=True, source="version_list")

    class Meta(PacketListOutputSerializer.Meta):
        fields = (*PacketListOutputSerializer.Meta.fields, "versions")


class PacketDetailApi(ScopedDetailApi):
    """A packet and all its versions, newest first."""

    scoped_model = Packet
    serializer_class = PacketDetailOutputSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return Packet.objects.none()
        return selectors.packets_visible(user=self.request.user)

    def get_object(self) -> PacketWithVersions:
        # The serializer's "versions" read the list kept on the packet.
        packet = cast("PacketWithVersions", super().get_object())
        packet.version_list = list(selectors.packet_versions(packet=packet))
        return packet


class PacketVersionDetailOutputSerializer(serializers.ModelSerializer):
    officer = serializers.IntegerField(source="packet.officer_id")
    period = serializers.IntegerField(source="packet.period_id")
    reviewed_by = serializers.CharField(
        source="reviewed_by.get_full_name", allow_null=True, default=None
    )
    acknowledged_by = serializers.CharField(
        source="acknowledged_by.get_full_name", allow_null=True, default=None
    )
    is_latest = serializers.BooleanField()
    can_review = serializers.BooleanField()
    can_acknowledge = serializers.BooleanField()
    is_stale = serializers.BooleanField(
        help_text="The officer's records now assemble to other content than this version's: "
        "rebuild before signing off, or sign off with confirm_stale."
    )
    sign_off_blockers = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why the evaluations in the packet don't allow sign-off yet, each saying "
        "who must act (empty: they do, or the caller doesn't review).",
    )
    status = serializers.CharField(help_text=STATUS_HELP)
    snapshot = serializers.SerializerMethodField(
        help_text="As shown today: survey figures at the district's k."
    )

    class Meta:
        model = PacketVersion
        fields = (
            "id",
            "packet",
            "officer",
            "period",
            "number",
            "content_hash",
            "status",
            "created_at",
            "review_comment",
            "reviewed_by",
            "reviewed_at",
            "acknowledged_by",
            "acknowledged_at",
            "officer_comment",
            "signed_while_stale",
            "is_latest",
            "is_stale",
            "can_review",
            "can_acknowledge",
            "sign_off_blockers",
            "snapshot",
        )

    @extend_schema_field(serializers.JSONField())
    def get_snapshot(self, version: PacketVersion) -> dict:
        return selectors.packet_snapshot_shown(version=version, user=self.context["request"].user)


def _with_actions(version: PacketVersion, user: User) -> VersionWithActions:
    """The version with what its serializer shows beside the stored fields."""
    shown = cast("VersionWithActions", version)
    shown.is_latest = selectors.packet_latest_number(packet_id=version.packet_id) == version.number
    actions = selectors.packet_actions(user=user, version=version, is_latest=shown.is_latest)
    shown.can_review = actions.can_review
    shown.can_acknowledge = actions.can_acknowledge
    shown.is_stale = packet_is_stale(version=version)
    shown.sign_off_blockers = (
        list(packet_sign_off_blockers(version=version)) if actions.can_review else []
    )
    return shown


class PacketVersionDetailApi(ScopedDetailApi):
    """One version: its snapshot, review state and what the caller may do with it."""

    scoped_model = PacketVersion
    serializer_class = PacketVersionDetailOutputSerializer
    request: AuthenticatedRequest

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return PacketVersion.objects.none()
        return selectors.packet_versions_visible(user=self.request.user)

    def get_object(self) -> VersionWithActions:
        return _with_actions(super().get_object(), self.request.user)


class _VersionDownloadApi(APIView):
    scoped_model = PacketVersion
    kind = ""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(description="The file")}
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
        content, filename, content_type = selectors.packet_document(
            version=version,
            kind=self.kind,
            user=request.user,
            record=request.query_params.get("record", ""),
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PacketVersionPdfApi(_VersionDownloadApi):
    """The version's PDF, as rendered from its snapshot: its latest record, or the one
    named by ``?record=`` (built, signed, acknowledged)."""

    kind = "pdf"


class PacketVersionXlsxApi(_VersionDownloadApi):
    """The version's XLSX: a sheet per section."""

    kind = "xlsx"


class PacketVersionSignOffApi(APIView):
    """Sign the version off: it is locked from then on.

    409 when it is already signed, replaced, not the content read (``content_hash``),
    held back by its evaluations (``sign_off_blockers``) or stale without ``confirm_stale``.
    """

    scoped_model = PacketVersion
    allowed_roles = (Role.SUPERVISOR,)

    class PacketVersionSignOffInputSerializer(InputSerializer):
        content_hash = serializers.RegexField(
            r"^[0-9a-f]{64}$", help_text="The sha256 of the version you read and sign."
        )
        confirm_stale = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Sign this version although its records changed after it was built.",
        )

    @extend_schema(
        request=PacketVersionSignOffInputSerializer,
        responses={200: PacketVersionDetailOutputSerializer},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
        serializer = self.PacketVersionSignOffInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = review.packet_sign_off(
            version=version,
            user=request.user,
            content_hash=serializer.validated_data["content_hash"],
            confirm_stale=serializer.validated_data["confirm_stale"],
        )
        return Response(
            PacketVersionDetailOutputSerializer(
                _with_actions(version, request.user), context={"request": request}
            ).data
        )


class PacketVersionSendBackApi(APIView):
    """Send the version back with a comment saying what must change."""

    scoped_model = PacketVersion
    allowed_roles = (Role.SUPERVISOR,)

    class PacketVersionSendBackInputSerializer(InputSerializer):
        comment = serializers.CharField()

    @extend_schema(
        request=PacketVersionSendBackInputSerializer,
        responses={200: PacketVersionDetailOutputSerializer},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
        serializer = self.PacketVersionSendBackInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = review.packet_send_back(
            version=version, user=request.user, comment=serializer.validated_data["comment"]
        )
        return Response(
            PacketVersionDetailOutputSerializer(
                _with_actions(version, request.user), context={"request": request}
            ).data
        )


class PacketVersionAcknowledgeApi(APIView):
    """The officer acknowledges the signed packet, optionally with a response."""

    scoped_model = PacketVersion
    allowed_roles = (Role.OFFICER,)

    class PacketVersionAcknowledgeInputSerializer(InputSerializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=PacketVersionAcknowledgeInputSerializer,
        responses={200: PacketVersionDetailOutputSerializer},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
        serializer = self.PacketVersionAcknowledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = review.packet_acknowledge(
            version=version, user=request.user, comment=serializer.validated_data["comment"]
        )
        return Response(
            PacketVersionDetailOutputSerializer(
                _with_actions(version, request.user), context={"request": request}
            ).data
        )


class PacketBuildApi(APIView):
    """Build one officer's packet now; an unchanged packet keeps its version (200)."""

    scoped_model = Packet
    allowed_roles = (Role.COORDINATOR, Role.SUPERVISOR)

    class PacketBuildInputSerializer(InputSerializer):
        officer = serializers.IntegerField()
        period = serializers.IntegerField()

    @extend_schema(
        request=PacketBuildInputSerializer,
        responses={
            200: PacketVersionDetailOutputSerializer,
            201: PacketVersionDetailOutputSerializer,
        },
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.PacketBuildInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        officer = get_object_or_404(
            Officer.objects.visible_to(request.user).select_related("agency"),
            pk=serializer.validated_data["officer"],
        )
        period = get_object_or_404(
            EvaluationPeriod.objects.visible_to(request.user).select_related("district"),
            pk=serializer.validated_data["period"],
        )
        version, created = versions.packet_rebuild(
            officer=officer, period=period, user=request.user
        )
        version = get_object_or_404(
            selectors.packet_versions_visible(user=request.user), pk=version.pk
        )
        return Response(
            PacketVersionDetailOutputSerializer(
                _with_actions(version, request.user), context={"request": request}
            ).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
