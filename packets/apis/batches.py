"""Batch builds: start one for a period (the district or an agency), follow its progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi
from core.api_input import InputSerializer
from core.models import Job
from packets import selectors as selectors
from packets.models import PacketBuildItem
from packets.services import batches
from roster.models import Agency, EvaluationPeriod, Role

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from core.http import AuthenticatedRequest


# The job's items, kept on it for its serializer's "items".
class _Items(TypedDict):
    item_list: list[PacketBuildItem]


if TYPE_CHECKING:
    JobWithItems = WithAnnotations[Job, _Items]


class PacketBatchItemSerializer(serializers.Serializer):
    officer = serializers.IntegerField(source="officer_id")
    officer_name = serializers.CharField(source="officer.full_name")
    status = serializers.CharField()
    reason = serializers.CharField()
    version = serializers.IntegerField(source="version_id", allow_null=True)


class PacketBatchOutputSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    items = PacketBatchItemSerializer(many=True, source="item_list")
    status = serializers.CharField(help_text="queued, running, done or failed")

    class Meta:
        model = Job
        fields = (
            "id",
            "status",
            "total",
            "done",
            "failed",
            "percent",
            "failures",
            "message",
            "created_at",
            "started_at",
            "finished_at",
            "items",
        )


def _with_items(job: Job) -> JobWithItems:
    """The job with its officers' items, which its serializer's "items" read."""
    shown = cast("JobWithItems", job)
    shown.item_list = list(selectors.packet_batch_items(job=job))
    return shown


class PacketBatchStartApi(APIView):
    """Start building every packet of a period, for the district or one agency."""

    scoped_model = Job
    allowed_roles = (Role.COORDINATOR, Role.SUPERVISOR)

    class PacketBatchStartInputSerializer(InputSerializer):
        period = serializers.IntegerField()
        agency = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=PacketBatchStartInputSerializer, responses={202: PacketBatchOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.PacketBatchStartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        period = get_object_or_404(
            EvaluationPeriod.objects.visible_to(request.user).select_related("district"),
            pk=serializer.validated_data["period"],
        )
        agency = None
        if serializer.validated_data["agency"] is not None:
            agency = get_object_or_404(
                Agency.objects.visible_to(request.user), pk=serializer.validated_data["agency"]
            )
        job = batches.packet_batch_start(period=period, agency=agency, started_by=request.user)
        job.refresh_from_db()
        return Response(
            PacketBatchOutputSerializer(_with_items(job)).data, status=status.HTTP_202_ACCEPTED
        )


class PacketBatchDetailApi(ScopedDetailApi):
    """A batch build's progress: done, failed (with reasons) out of total, per officer."""

    scoped_model = Job
    serializer_class = PacketBatchOutputSerializer

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        return selectors.packet_batch_jobs_visible(user=self.request.user)

    def get_object(self) -> JobWithItems:
        return _with_items(super().get_object())
