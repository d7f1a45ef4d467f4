"""Removal request endpoints: one APIView per operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedListApi
from core.api_input import InputSerializer
from flags.models import RemovalRequest
from flags.permissions import can_read_removal_reasons
from flags.selectors.removals import (
    removal_request_detail,
    removal_requests_visible,
)
from flags.services import removals as services
from roster.models import Officer, Role, School

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest


class RemovalRequestOutputSerializer(serializers.ModelSerializer):
    """The officer sees that a request exists and its decision; the reasons and cited
    flags are for the school, the agency and the district."""

    officer_name = serializers.CharField(source="officer.full_name")
    school_name = serializers.CharField(source="school.name")
    is_overdue = serializers.SerializerMethodField()
    cited_flags = serializers.SerializerMethodField()
    # Null for the officer, who sees that a request exists and its decision only.
    reason = serializers.CharField(allow_null=True, read_only=True)
    decision_reasons = serializers.CharField(allow_null=True, read_only=True)
    withdrawal_note = serializers.CharField(allow_null=True, read_only=True)

    PRIVATE_FIELDS = ("reason", "decision_reasons", "withdrawal_note", "cited_flags")

    class Meta:
        model = RemovalRequest
        fields = (
            "id",
            "district",
            "school",
            "school_name",
            "officer",
            "officer_name",
            "status",
            "reason",
            "cited_flags",
            "filed_by",
            "submitted_at",
            "due_date",
            "is_overdue",
            "review_started_at",
            "decided_by",
            "decided_at",
            "decision_reasons",
            "assignment_end_date",
            "withdrawal_note",
        )

    def get_is_overdue(self, request: RemovalRequest) -> bool:
        from core.dates import today

        return request.is_pending and request.due_date < today()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField(), allow_null=True))
    def get_cited_flags(self, request: RemovalRequest) -> list[int] | None:
        return sorted(flag.pk for flag in request.cited_flags.all())

    def to_representation(self, instance: RemovalRequest) -> dict:
        data = super().to_representation(instance)
        user = self.context["request"].user
        if not can_read_removal_reasons(user=user, request=instance):
            for name in self.PRIVATE_FIELDS:
                data[name] = None
        return data


class RemovalRequestListApi(ScopedListApi):
    scoped_model = RemovalRequest
    serializer_class = RemovalRequestOutputSerializer
    filterset_fields = ("status", "school", "officer")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return removal_requests_visible(user=self.request.user).prefetch_related("cited_flags")


class RemovalRequestDetailApi(APIView):
    scoped_model = RemovalRequest

    @extend_schema(responses=RemovalRequestOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        try:
            removal = removal_request_detail(user=request.user, pk=pk)
        except RemovalRequest.DoesNotExist:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        return Response(RemovalRequestOutputSerializer(removal, context={"request": request}).data)


def _answer(
    request: AuthenticatedRequest, removal: RemovalRequest, code: int = status.HTTP_200_OK
) -> Response:
    removal = removal_request_detail(user=request.user, pk=removal.pk)
    return Response(
        RemovalRequestOutputSerializer(removal, context={"request": request}).data, status=code
    )


class RemovalRequestCreateApi(APIView):
    """A principal files a removal request for an officer assigned at their school."""

    allowed_roles = (Role.PRINCIPAL,)
    scope_exempt = "files only for the caller's own school and its officers (scoped lookups below)"

    class RemovalRequestCreateInputSerializer(InputSerializer):
        officer = serializers.IntegerField()
        school = serializers.IntegerField()
        reason = serializers.CharField(required=False, allow_blank=True, default="")
        cited_flags = serializers.ListField(
            child=serializers.IntegerField(), required=False, default=list
        )

    @extend_schema(
        request=RemovalRequestCreateInputSerializer, responses={201: RemovalRequestOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.RemovalRequestCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        school = get_object_or_404(School.objects.visible_to(request.user), pk=data["school"])
        officer = get_object_or_404(
            Officer.objects.visible_to(request.user).select_related("agency"), pk=data["officer"]
        )
        removal = services.removal_request_file(
            officer=officer,
            school=school,
            filed_by=request.user,
            reason=data["reason"],
            cited_flag_ids=data["cited_flags"],
        )
        return _answer(request, removal, status.HTTP_201_CREATED)


class RemovalRequestReviewApi(APIView):
    """The agency starts reviewing a submitted request."""

    scoped_model = RemovalRequest
    allowed_roles = (Role.SUPERVISOR,)

    @extend_schema(request=None, responses=RemovalRequestOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        removal = get_object_or_404(removal_requests_visible(user=request.user), pk=pk)
        removal = services.removal_request_start_review(request=removal, actor=request.user)
        return _answer(request, removal)


class RemovalRequestDecideApi(APIView):
    """The agency's answer: granted (the assignment ends on a date) or denied (with reasons)."""

    scoped_model = RemovalRequest
    allowed_roles = (Role.SUPERVISOR,)

    class RemovalRequestDecideInputSerializer(InputSerializer):
        granted = serializers.BooleanField()
        reasons = serializers.CharField(required=False, allow_blank=True, default="")
        assignment_end_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=RemovalRequestDecideInputSerializer, responses=RemovalRequestOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        removal = get_object_or_404(removal_requests_visible(user=request.user), pk=pk)
        serializer = self.RemovalRequestDecideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        removal = services.removal_request_decide(
            request=removal, actor=request.user, **serializer.validated_data
        )
        return _answer(request, removal)


class RemovalRequestWithdrawApi(APIView):
    """The school withdraws its pending request."""

    scoped_model = RemovalRequest
    allowed_roles = (Role.PRINCIPAL,)

    class RemovalRequestWithdrawInputSerializer(InputSerializer):
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=RemovalRequestWithdrawInputSerializer, responses=RemovalRequestOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        removal = get_object_or_404(removal_requests_visible(user=request.user), pk=pk)
        serializer = self.RemovalRequestWithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        removal = services.removal_request_withdraw(
            request=removal, actor=request.user, **serializer.validated_data
        )
        return _answer(request, removal)
