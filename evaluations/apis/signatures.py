"""Signing an evaluation through the API: submit, review, return, acknowledge, and the history of every change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedQuerysetMixin
from core.api_input import InputSerializer
from evaluations.apis.evaluations import (
    EVALUATOR_ROLES,
    REVIEWER_ROLES,
    EvaluationDetailOutputSerializer,
    evaluation_detail_response,
)
from evaluations.models import Evaluation
from evaluations.selectors import evaluations as selectors
from evaluations.services import signatures
from roster.models import Role

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class EvaluationSubmitApi(ScopedQuerysetMixin, APIView):
    """The principal signs and locks the evaluation; submitting again changes nothing."""

    scoped_model = Evaluation
    allowed_roles = EVALUATOR_ROLES

    class EvaluationSubmitInputSerializer(InputSerializer):
        version = serializers.IntegerField(required=False)

    @extend_schema(
        request=EvaluationSubmitInputSerializer, responses=EvaluationDetailOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationSubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatures.evaluation_submit(
            evaluation=evaluation,
            actor=request.user,
            expected_version=serializer.validated_data.get("version"),
        )
        return evaluation_detail_response(request, pk)


class EvaluationReviewApi(ScopedQuerysetMixin, APIView):
    scoped_model = Evaluation
    allowed_roles = REVIEWER_ROLES

    class EvaluationReviewInputSerializer(InputSerializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=EvaluationReviewInputSerializer, responses=EvaluationDetailOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatures.evaluation_review(
            evaluation=evaluation, actor=request.user, **serializer.validated_data
        )
        return evaluation_detail_response(request, pk)


class EvaluationReturnApi(ScopedQuerysetMixin, APIView):
    scoped_model = Evaluation
    allowed_roles = REVIEWER_ROLES

    class EvaluationReturnInputSerializer(InputSerializer):
        reason = serializers.CharField()

    @extend_schema(
        request=EvaluationReturnInputSerializer, responses=EvaluationDetailOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatures.evaluation_return(
            evaluation=evaluation, actor=request.user, **serializer.validated_data
        )
        return evaluation_detail_response(request, pk)


class EvaluationAcknowledgeApi(ScopedQuerysetMixin, APIView):
    """The officer signs "I have seen this"; disagreeing needs a written response."""

    scoped_model = Evaluation
    allowed_roles = (Role.OFFICER,)

    class EvaluationAcknowledgeInputSerializer(InputSerializer):
        agrees = serializers.BooleanField()
        response = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=EvaluationAcknowledgeInputSerializer, responses=EvaluationDetailOutputSerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = self.EvaluationAcknowledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatures.evaluation_acknowledge(
            evaluation=evaluation, actor=request.user, **serializer.validated_data
        )
        return evaluation_detail_response(request, pk)


class EvaluationHistoryOutputSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    reason = serializers.CharField()
    changes = serializers.DictField(child=serializers.ListField())


class EvaluationHistoryApi(ScopedQuerysetMixin, APIView):
    """Every transition and field change: who, when, before and after."""

    scoped_model = Evaluation

    @extend_schema(responses=EvaluationHistoryOutputSerializer(many=True))
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        evaluation = get_object_or_404(self.get_queryset(), pk=pk)
        events = [
            {
                "created_at": e.created_at,
                "actor": e.actor.get_username() if e.actor else None,
                "action": e.action,
                "reason": e.reason,
                "changes": e.changes,
            }
            for e in selectors.evaluation_history(evaluation=evaluation)
        ]
        return Response(EvaluationHistoryOutputSerializer(events, many=True).data)
