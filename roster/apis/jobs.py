"""Long-running jobs' progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import serializers

from core.api_base import ScopedDetailApi, ScopedListApi
from core.models import Job

if TYPE_CHECKING:
    pass


class JobOutputSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Job
        fields = (
            "id",
            "kind",
            "status",
            "total",
            "done",
            "failed",
            "percent",
            "failures",
            "result",
            "message",
            "created_at",
            "started_at",
            "finished_at",
        )


class JobListApi(ScopedListApi):
    scoped_model = Job
    serializer_class = JobOutputSerializer
    filterset_fields = ("kind", "status")


class JobDetailApi(ScopedDetailApi):
    """A long-running job's progress: done, failed (with reasons) out of total."""

    scoped_model = Job
    serializer_class = JobOutputSerializer
